/**
 * Connections to Temporal from config: the dev server on localhost, a
 * self-hosted cluster (optionally mTLS), or Temporal Cloud (API key or mTLS).
 */
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config';

/**
 * TLS to the cluster: a client certificate (mTLS, so only govshare's workers and APIs get in),
 * the cluster's own CA and server name when its certificate is not from a public CA, or plain
 * TLS for an API key. None against the local dev server.
 */
export function temporalTlsOptions(t: Config['temporal']) {
  if (t.tls)
    return {
      clientCertPair: { crt: fs.readFileSync(t.tls.certFile), key: fs.readFileSync(t.tls.keyFile) },
      ...(t.tls.caFile ? { serverRootCACertificate: fs.readFileSync(t.tls.caFile) } : {}),
      ...(t.tls.serverName ? { serverNameOverride: t.tls.serverName } : {}),
    };
  return t.apiKey ? true : undefined;
}

export async function connectClient(t: Config['temporal']): Promise<Client> {
  const connection = await Connection.connect({
    address: t.address,
    tls: temporalTlsOptions(t),
    apiKey: t.apiKey,
    connectTimeout: '10s',
  });
  return new Client({ connection, namespace: t.namespace });
}

export async function connectWorkerConnection(t: Config['temporal']): Promise<NativeConnection> {
  return NativeConnection.connect({ address: t.address, tls: temporalTlsOptions(t), apiKey: t.apiKey });
}
