/**
 * The certificates of a Temporal cluster that only govshare may reach, as
 * temporal-config/production/ lays it out, made with openssl for a test:
 *
 * - the cluster's CA signs the frontend's certificate and the services' own
 *   (internode), each for 127.0.0.1 and the frontend's name;
 * - govshare's client CA signs the certificate of govshare's workers and APIs
 *   and that of the server's own worker service (Schedules run there), the only
 *   clients the frontend lets in;
 * - another CA signs a stranger's certificate, which the frontend refuses.
 *
 * The file names are those temporal-config/cluster/config/cluster.yaml reads
 * from TEMPORAL_CLUSTER_TLS_DIR. Keys are EC P-256, valid for two days.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The name on the frontend's certificate: clients connect to 127.0.0.1 and check this name. */
export const FRONTEND_NAME = 'temporal-frontend.govshare.test';

export interface ClusterCertificates {
  dir: string;
  /** What a client that trusts the cluster checks its frontend against. */
  clusterCa: string;
  /** govshare's client certificate and key (TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY). */
  govshare: { cert: string; key: string };
  /** A client certificate from a CA the frontend does not trust. */
  stranger: { cert: string; key: string };
}

function openssl(bin: string, dir: string, args: string[]): void {
  const r = spawnSync(bin, args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function authority(bin: string, dir: string, name: string): void {
  openssl(bin, dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/O=govshare test/CN=${name}`,
  ]);
}

/** A certificate `ca` signs for `name`, good for a server at 127.0.0.1 and FRONTEND_NAME and for a client. */
function issued(bin: string, dir: string, ca: string, name: string): void {
  const ext = path.join(dir, `${name}.ext`);
  fs.writeFileSync(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      `subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:${FRONTEND_NAME}`,
      '',
    ].join('\n'),
  );
  openssl(bin, dir, [
    'req',
    '-new',
    ...EC,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/O=govshare test/CN=${name}`,
  ]);
  openssl(bin, dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
}

/** Makes every certificate in `dir` (created if missing) with the openssl at `bin`. */
export function makeClusterCertificates(bin: string, dir: string): ClusterCertificates {
  fs.mkdirSync(dir, { recursive: true });
  for (const ca of ['cluster-ca', 'clients-ca', 'stranger-ca']) authority(bin, dir, ca);
  issued(bin, dir, 'cluster-ca', 'frontend');
  issued(bin, dir, 'cluster-ca', 'internode');
  issued(bin, dir, 'clients-ca', 'govshare');
  issued(bin, dir, 'clients-ca', 'system-worker');
  issued(bin, dir, 'stranger-ca', 'stranger');
  const at = (f: string) => path.join(dir, f);
  return {
    dir,
    clusterCa: at('cluster-ca.pem'),
    govshare: { cert: at('govshare.pem'), key: at('govshare.key') },
    stranger: { cert: at('stranger.pem'), key: at('stranger.key') },
  };
}

/** The settings (runtime/config.ts) with which a govshare process reaches a cluster on these certificates. */
export function govshareClientEnv(c: ClusterCertificates): NodeJS.ProcessEnv {
  return {
    TEMPORAL_TLS_CERT: c.govshare.cert,
    TEMPORAL_TLS_KEY: c.govshare.key,
    TEMPORAL_TLS_CA: c.clusterCa,
    TEMPORAL_TLS_SERVER_NAME: FRONTEND_NAME,
  };
}
