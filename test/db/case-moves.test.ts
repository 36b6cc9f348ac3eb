/**
 * A workflow's moves of one case recorded together (a filing with its routing, a decision with
 * the next step): every event in the timeline, in order, the case's row as the last move leaves
 * it with what each move set, one audit entry a move, and nothing twice when the activity is
 * retried. On MariaDB and SQLite.
 */
import { recordCaseMoves, type CaseStateInput } from '../../activities/cases/case-activities';
import { caseEvents } from '../../db/case-repository';
import { processNamed } from '../../processes';
import { getRequest, insertRequest } from '../../db/sharing_request/request-repository';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { filedRequest } from '../support/request-fixtures';

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await insertRequest(t.db, filedRequest('SR-MOVES'));
  });
  afterAll(() => t?.drop());

  const move = (
    n: number,
    action: string,
    status: string,
    step: string | null,
    facts?: object,
  ): Omit<CaseStateInput, 'earlier'> => ({
    caseType: 'sharing_request',
    caseId: 'SR-MOVES',
    status,
    currentStep: step,
    facts,
    event: {
      id: `SR-MOVES#${n}#${action}`,
      at: `2026-11-25T02:00:0${n}.000Z`,
      step,
      action,
      actor: 'lina',
      actorDepartment: 'public-security',
      decision: null,
      reason: null,
    },
  });

  it('records the moves in order, the row as the last leaves it with what an earlier one set, once however often retried', async () => {
    const moves: CaseStateInput = {
      ...move(3, 'platform_review_opened', 'platform_review', 'platform_review'),
      earlier: [
        move(1, 'submitted', 'submitted', null),
        move(2, 'provider_approved', 'provider_review', 'provider_review', {
          decisionReason: '符合共享条件',
        }),
      ],
    };
    await recordCaseMoves(t.db, processNamed, moves);
    await recordCaseMoves(t.db, processNamed, moves);

    expect((await caseEvents(t.db, 'sharing_request', 'SR-MOVES')).map((e) => e.action)).toEqual([
      'submitted',
      'provider_approved',
      'platform_review_opened',
    ]);
    const r = (await getRequest(t.db, 'SR-MOVES'))!;
    expect(r).toMatchObject({
      status: 'platform_review',
      currentStep: 'platform_review',
      decisionReason: '符合共享条件',
      updatedAt: '2026-11-25T10:00:03.000+08:00',
    });
    const audited = await t.db('audit_log').where({ entity_id: 'SR-MOVES' }).orderBy('chain_pos');
    expect(audited.map((a: { action: string }) => a.action)).toEqual([
      'sharing_request.submitted',
      'sharing_request.provider_approved',
      'sharing_request.platform_review_opened',
    ]);
  });

  it('refuses moves of two cases in one record, and writes none of them', async () => {
    const other = { ...move(5, 'submitted', 'submitted', null), caseId: 'SR-OTHER' };
    await expect(
      recordCaseMoves(t.db, processNamed, { ...move(4, 'withdrawn', 'withdrawn', null), earlier: [other] }),
    ).rejects.toThrow(/more than one case/);
    expect(await t.db('case_events').whereIn('id', ['SR-MOVES#4#withdrawn', 'SR-OTHER#5#submitted'])).toEqual(
      [],
    );
    expect((await getRequest(t.db, 'SR-MOVES'))!.status).toBe('platform_review');
  });
});
