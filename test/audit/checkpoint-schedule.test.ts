/**
 * The logs' heads are signed every day by a Temporal Schedule (on the dev
 * server: the time-skipping server has no Schedules). Made once however many
 * APIs start; a run signs both logs and logs that it did.
 */
import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, verifyChain } from '../../db/audit/log-chain-repository';
import { AUDIT_LOG } from '../../domain/audit/log-chain';
import { ensureLogCheckpointSchedule } from '../../runtime/log-checkpoint-schedule';
import type { LogSigningKey } from '../../runtime/log-signing-key';
import { LOG_CHECKPOINT_SCHEDULE } from '../../workflows/audit/contract';
import { useDevServerWorker } from '../support/dev-server-worker';
import { waitFor } from '../support/wait';

const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
const key: LogSigningKey = {
  ...pair,
  keyId: keyIdOf(pair.publicKey),
  publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const h = useDevServerWorker({ queuePrefix: 'checkpoints', signingKey: () => key });

it('is made once, daily at 00:10 Beijing time, and a run signs both logs', async () => {
  const made = await Promise.all([
    ensureLogCheckpointSchedule(h.env.client, h.taskQueue),
    ensureLogCheckpointSchedule(h.env.client, h.taskQueue),
  ]);
  expect(made.sort()).toEqual(['created', 'exists']);
  const handle = h.env.client.schedule.getHandle(LOG_CHECKPOINT_SCHEDULE);
  const described = await handle.describe();
  expect(described.spec.timezone).toBe('Asia/Shanghai');
  expect(described.spec.calendars?.[0]).toMatchObject({
    hour: [{ start: 0, end: 0, step: 1 }],
    minute: [{ start: 10, end: 10, step: 1 }],
  });

  await handle.trigger();
  const rows = await waitFor('the checkpoints', async () => {
    const r = await h.t.db('log_checkpoints').orderBy('id');
    return r.length >= 2 ? r : undefined;
  });
  expect(rows.map((r) => r.log)).toEqual(['audit', 'exchange']);
  const logged = await waitFor('the audit entry', () =>
    h.t.db('audit_log').where({ action: 'audit.checkpoint' }).first(),
  );
  expect(JSON.parse(logged.detail).checkpoints).toHaveLength(2);
  expect(await verifyChain(h.t.db, AUDIT_LOG, key.publicKey, key.keyId)).toMatchObject({
    ok: true,
    checkpoints: 1,
  });
});
