/**
 * The production posture of temporal-config/production/ on a real cluster: the
 * frontend and the services speak mutual TLS, and the frontend lets in only
 * clients whose certificate govshare's client CA signed. govshare's worker
 * (a process of its own, configured by TEMPORAL_TLS_*) and APIs take a request
 * through both reviews; the server's own worker service, with its certificate,
 * runs the log-signing Schedule; a client without TLS, without a certificate or
 * with one from another CA is refused before it can read or start anything.
 */
import fs from 'node:fs';
import { Connection } from '@temporalio/client';
import { parseConfig } from '../../runtime/config';
import { ensureLogCheckpointSchedule } from '../../runtime/log-checkpoint-schedule';
import { connectClient } from '../../runtime/temporal-connection';
import { FRONTEND_NAME } from '../../scripts/harness/cluster-certificates';
import { httpCases, insuranceRequest } from '../support/http-cases';
import { useClusterHarness } from './cluster-harness';
import { checkpointsOfARun } from './log-signing';

const h = useClusterHarness('mtls', { workers: 1, tls: true });
const cases = httpCases(h);

it('takes a conditional request through both reviews with every govshare process on mTLS', async () => {
  const req = await cases.request('zhangwei', insuranceRequest());
  expect(req).toMatchObject({ status: 'provider_review', currentTask: { step: 'provider_review' } });
  const approved = await cases.complete('zhaoqiang', req.currentTask.id, { decision: 'approve' });
  expect(approved.status).toBe(200);
  const platform = await cases.until('chenjing', `/api/requests/${req.id}`, (r) => {
    const task = r.currentTask as { step: string } | null;
    return task?.step === 'platform_review';
  });
  const task = platform.currentTask as { id: string };
  expect((await cases.complete('chenjing', task.id, { decision: 'approve' })).status).toBe(200);
  const granted = await cases.until('zhangwei', `/api/requests/${req.id}`, (r) => r.status === 'granted');
  expect(granted.grant).toMatchObject({ status: 'active' });
});

it("runs the log-signing Schedule on the server's own worker service, which presents its certificate", async () => {
  await ensureLogCheckpointSchedule(h.client, h.taskQueue);
  const rows = await checkpointsOfARun(h);
  expect(rows.map((r) => r.log)).toEqual(['audit', 'exchange']);
});

it("connects with govshare's own settings, and refuses any client without govshare's certificate", async () => {
  const tls = h.cluster.clientEnv;
  const own = await connectClient(
    parseConfig({
      ...process.env,
      NODE_ENV: 'test',
      TEMPORAL_ADDRESS: h.cluster.address,
      TEMPORAL_NAMESPACE: h.cluster.namespace,
      ...tls,
    }).temporal,
  );
  try {
    expect((await own.workflowService.getSystemInfo({})).serverVersion).toMatch(/^1\.29\./);
  } finally {
    await own.connection.close();
  }

  const trust = {
    serverRootCACertificate: fs.readFileSync(tls.TEMPORAL_TLS_CA!),
    serverNameOverride: FRONTEND_NAME,
  };
  const strangerCert = tls.TEMPORAL_TLS_CERT!.replace(/govshare\.pem$/, 'stranger.pem');
  const strangers = {
    'no TLS': undefined,
    'TLS without a certificate': trust,
    'a certificate from another CA': {
      ...trust,
      clientCertPair: {
        crt: fs.readFileSync(strangerCert),
        key: fs.readFileSync(strangerCert.replace(/\.pem$/, '.key')),
      },
    },
  };
  const outcome: Record<string, string> = {};
  for (const [who, clientTls] of Object.entries(strangers)) {
    try {
      const c = await Connection.connect({
        address: h.cluster.address,
        tls: clientTls,
        connectTimeout: '5s',
      });
      try {
        await c.workflowService.listWorkflowExecutions({ namespace: h.cluster.namespace, pageSize: 1 });
        outcome[who] = 'let in';
      } finally {
        await c.close();
      }
    } catch {
      outcome[who] = 'refused';
    }
  }
  expect(outcome).toEqual({
    'no TLS': 'refused',
    'TLS without a certificate': 'refused',
    'a certificate from another CA': 'refused',
  });
});
