/**
 * A security agreement (art. 30) at real lengths on the time-skipping server:
 * its department's data stewards are reminded at the instant the policy set
 * when it was recorded, and it expires at the end of its last day, with a
 * notice; nothing happens before either.
 */
import { DateTime } from 'luxon';
import { insertAgreement } from '../../db/security/agreement-repository';
import { formatInstant, ZONE } from '../../domain/calendar/working-days';
import { agreementWorkflowId, type AgreementTerms } from '../../workflows/security/contract';
import type { securityAgreement } from '../../workflows/security/agreement-workflow';
import { useWorkflowHarness } from '../support/workflow-harness';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));

it('reminds the department at its instant and expires at the end of the last day', async () => {
  const now = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE });
  const expiresOn = now.plus({ days: 40 }).toISODate()!;
  const endsAt = DateTime.fromISO(expiresOn, { zone: ZONE }).endOf('day');
  const remindAt = endsAt.minus({ days: 30 }).startOf('day').set({ hour: 9 });
  const terms: AgreementTerms = {
    agreementId: 'SA-TEST-1',
    department: 'public-security',
    serviceUnit: '攀枝花某信息技术有限公司',
    expiresOn,
    remindAt: formatInstant(remindAt),
    endsAt: formatInstant(endsAt),
  };
  await insertAgreement(h.t.db, {
    id: terms.agreementId,
    department: terms.department,
    serviceUnit: terms.serviceUnit,
    scope: '运维人口库接口',
    kinds: ['security', 'confidentiality'],
    signedOn: now.minus({ years: 1 }).toISODate()!,
    expiresOn,
    remindAt: terms.remindAt,
    policyKey: 'test',
    status: 'in_force',
    recordedBy: 'wangfang',
    recordedAtMs: now.toMillis(),
    workflowId: agreementWorkflowId(terms.agreementId),
  });
  const handle = await h.env.client.workflow.start<typeof securityAgreement>('security_agreement', {
    taskQueue: h.taskQueue,
    workflowId: agreementWorkflowId(terms.agreementId),
    args: [terms],
  });
  const notice = (suffix: string) =>
    h.t
      .db('notifications')
      .where({ id: `${terms.agreementId}#${suffix}` })
      .first();

  await h.env.sleep(remindAt.toMillis() - 60_000 - (await h.env.currentTimeMs()));
  expect(await notice('reminder')).toBeUndefined();
  await h.env.sleep(120_000);
  const reminder = await waitFor('the reminder', () => notice('reminder'));
  expect(reminder).toMatchObject({
    recipient_role: 'data_steward',
    recipient_department: 'public-security',
    kind: 'reminder',
  });
  expect(reminder.title_zh).toContain(expiresOn);

  await h.env.sleep(endsAt.toMillis() - 60_000 - (await h.env.currentTimeMs()));
  expect((await h.t.db('security_agreements').where({ id: terms.agreementId }).first()).status).toBe(
    'in_force',
  );
  expect(await handle.result()).toBe('expired');
  expect((await h.t.db('security_agreements').where({ id: terms.agreementId }).first()).status).toBe(
    'expired',
  );
  expect(await notice('expired#notice#0')).toMatchObject({ recipient_department: 'public-security' });
});
