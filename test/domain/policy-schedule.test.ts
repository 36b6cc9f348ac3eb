import { PolicyDocumentSchema, stepPolicy } from '../../domain/policy/policy-document';
import { articleLabel } from '../../domain/policy/articles';
import { computeSchedule } from '../../domain/sla/schedule';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';
import { officialCalendar } from '../support/calendars';

const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
const calendar = officialCalendar();

describe('the default policy document (the Panzhihua measures)', () => {
  it('sets the platform approval to 2 working days under article 23 and the correction reply to 5 under article 24', () => {
    const platform = stepPolicy(policy, 'sharing_request', 'platform_review');
    expect(platform.deadline).toEqual({ workingDays: 2 });
    expect(articleLabel(platform.citation.article)).toBe('第二十三条');
    expect(stepPolicy(policy, 'correction', 'provider_reply').deadline).toEqual({ workingDays: 5 });
    expect(stepPolicy(policy, 'catalogue_update', 'update')).toMatchObject({
      deadline: { workingDays: 15 },
      citation: { article: 9 },
    });
  });

  it('lets the platform authority act once the provider review is overdue (article 22)', () => {
    const first = stepPolicy(policy, 'sharing_request', 'provider_review').escalation[0];
    expect(first).toMatchObject({
      mayAct: true,
      notify: [{ role: 'platform_approver' }],
      citation: { article: 22 },
    });
  });

  it('rejects a document whose reason rule names a decision the step does not have, saying where', () => {
    const broken = structuredClone(policy) as unknown as {
      processes: Record<string, { steps: Record<string, { reasonRequired: string[] }> }>;
    };
    broken.processes.sharing_request.steps.platform_review.reasonRequired = ['reject'];
    const result = PolicyDocumentSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path.join('.')).toBe(
      'processes.sharing_request.steps.platform_review.reasonRequired',
    );
  });

  it('accepts deadlines in hours and minutes (urgent requests)', () => {
    const urgent = structuredClone(policy);
    urgent.processes.sharing_request.steps.platform_review.deadline = { hours: 24 };
    urgent.processes.sharing_request.steps.provider_review.deadline = { minutes: 30 };
    expect(PolicyDocumentSchema.safeParse(urgent).success).toBe(true);
    expect(PolicyDocumentSchema.safeParse({ ...urgent, version: 0 }).success).toBe(false);
  });
});

describe('SLA schedule of a step', () => {
  it('puts working-day reminders at 09:00 on the working days before the deadline, skipping holidays', () => {
    const step = stepPolicy(policy, 'sharing_request', 'provider_review');
    // Submitted Wed 2026-09-23. Working days: 24 Sep; 25–27 Sep Mid-Autumn off; 28, 29, 30 Sep;
    // 1–7 Oct National Day off; 8, 9 Oct; Sat 10 Oct (make-up); 12, 13, 14 Oct → the 10th is 14 Oct.
    const s = computeSchedule('2026-09-23T10:00:00+08:00', step, policy.reminderHour, calendar);
    expect(s.deadline).toBe('2026-10-14T23:59:59.999+08:00');
    expect(s.reminders).toEqual(['2026-10-12T09:00:00.000+08:00', '2026-10-13T09:00:00.000+08:00']);
    expect(s.escalations).toEqual([
      { level: 1, at: '2026-10-14T23:59:59.999+08:00', provisional: false },
      { level: 2, at: '2026-10-16T23:59:59.999+08:00', provisional: false },
    ]);
  });

  it('counts hour-based reminders and deadlines in plain hours', () => {
    const s = computeSchedule(
      '2026-11-24T10:00:00+08:00',
      { deadline: { hours: 24 }, reminders: [{ before: { hours: 4 } }], escalation: [] },
      9,
      calendar,
    );
    expect(s).toMatchObject({
      deadline: '2026-11-25T10:00:00.000+08:00',
      reminders: ['2026-11-25T06:00:00.000+08:00'],
    });
  });
});
