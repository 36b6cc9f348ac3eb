/**
 * Reforms at the API (art. 9, 37): the LG office registers an institutional
 * reform, which starts a catalogue-update obligation for each affected
 * department; the reform's page shows each obligation with its deadlines and
 * any sanction. A published catalogue draft meets its department's obligations (workflows/catalogue_entry).
 */
import { directoryNames, withDepartmentNames } from '../directory/names';
import { DateTime } from 'luxon';
import { policyInForce } from '../../db/policy-repository';
import { ZONE } from '../../domain/calendar/working-days';
import type { Db } from '../../db/connection';
import { unknownDepartments, type User } from '../../db/directory-repository';
import {
  findReformByKey,
  getReform,
  insertReform,
  listReforms,
  listSanctions,
  obligationsOfReform,
  type Reform,
} from '../../db/catalogue_update/repository';
import {
  CATALOGUE_UPDATE_PROCESS,
  CATALOGUE_UPDATE_ID_PREFIX,
  CATALOGUE_UPDATE_LABEL,
  CATALOGUE_UPDATE_STEPS,
  obligationId,
  obligationWorkflowId,
} from '../../workflows/catalogue_update/contract';
import { effectiveFrom, type ReformBody, type ResourceDecisionBody } from './reform-body';
import { obligationResources } from '../../db/catalogue_update/obligation-resources';
import { decideResource } from '../../workflows/catalogue_update/contract';
import { mayMaintainEntry } from '../auth/policies';
import { actorOf } from '../tasks/service';
import type { Logger } from '../../runtime/logger';
import type { catalogueUpdate } from '../../workflows/catalogue_update/workflow';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import { HttpError, unprocessable } from '../http/errors';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { auditByUser } from '../cases/audit';
import { newCaseId } from '../cases/case-ids';
import { settle } from '../cases/settle';
import { createCaseProgress } from '../cases/case-progress';
import { createTaskViews } from '../tasks/task-views';

/** A reform as registered; the trigger defaults to an institutional reform. */
type ReformInput = Omit<ReformBody, 'trigger'> & { trigger?: ReformBody['trigger'] };

export function createReformService(deps: { db: Db; temporal: TemporalGateway; logger: Logger }) {
  const { db, temporal } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  async function startAll(r: Reform): Promise<void> {
    for (const o of await obligationsOfReform(db, r.id)) {
      await temporal.startCase<typeof catalogueUpdate>({
        workflowId: o.workflowId,
        process: CATALOGUE_UPDATE_PROCESS,
        status: 'open',
        provider: o.department,
        metadata: caseMetadata({
          processName: CATALOGUE_UPDATE_LABEL.zh,
          caseId: o.id,
          provider: o.department,
        }),
        args: [
          {
            reformId: r.id,
            reformTitle: r.title,
            obligationId: o.id,
            department: o.department,
            effectiveFrom: effectiveFrom(r.effectiveDate),
            registeredAt: r.registeredAt,
          },
        ],
      });
    }
  }

  async function detail(r: Reform) {
    const names = await directoryNames(db);
    const obligations = await Promise.all(
      (await obligationsOfReform(db, r.id)).map(async (o) => {
        const p = await progress('catalogue_update', o.id);
        return {
          ...withDepartmentNames(o, names, ['department']),
          currentTasks: p.currentTasks,
          deadlines: p.deadlines,
          timeline: p.timeline,
          sanctions: await listSanctions(db, { caseId: o.id }),
          resources: await obligationResources(db, o.id),
        };
      }),
    );
    return { ...r, registeredByName: names.person(r.registeredBy), ...lateness(r, obligations), obligations };
  }

  /**
   * A reform registered after its update period had already ended (art. 9): accepted, flagged
   * late with the days elapsed since that period ended. Its obligations open on the
   * rectification path (an order first), never with a sanction.
   */
  function lateness(r: Reform, obligations: { deadlines: { step: string; deadline: string }[] }[]) {
    const due = obligations
      .flatMap((o) => o.deadlines)
      .find((d) => d.step === CATALOGUE_UPDATE_STEPS.update)?.deadline;
    if (!due || Date.parse(r.registeredAt) <= Date.parse(due)) return { late: false, daysLate: null };
    const day = (iso: string) => DateTime.fromISO(iso).setZone(ZONE).startOf('day');
    return { late: true, daysLate: Math.round(day(r.registeredAt).diff(day(due), 'days').days) };
  }

  return {
    async register(user: User, key: string, body: ReformInput, ip: string | null) {
      const earlier = await findReformByKey(db, user.username, key);
      if (earlier) {
        // A retry: start whatever did not start the first time (starting again is a no-op).
        await startAll(earlier);
        return { created: false, reform: await detail(earlier) };
      }
      // A department registers its own trigger (art. 9: 法律法规修订, 职能变化); the LG office any department's.
      if (!user.roles.some((r) => r === 'lg_office' || r === 'admin'))
        for (const d of body.departments) mayMaintainEntry(user, d, `The obligation of ${d}`);
      const problems = await unknownDepartments(db, body.departments, 'departments');
      // A reform before the measures took effect owes nothing under them (and would breach at once).
      const policy = await policyInForce(db, DateTime.now().setZone(ZONE).toISODate() as string);
      if (body.effectiveDate < policy.document.effectiveFrom)
        problems.push({
          path: 'effectiveDate',
          code: 'before_measures',
          params: { from: policy.document.effectiveFrom },
          message: `is before the measures took effect (${policy.document.effectiveFrom}, ${policy.key})`,
        });
      if (problems.length) throw unprocessable('invalid_reform', 'reform', problems);
      const now = new Date();
      const id = newCaseId(CATALOGUE_UPDATE_ID_PREFIX, now);
      const reform: Reform = {
        id,
        title: body.title,
        trigger: body.trigger ?? 'institutional_reform',
        effectiveDate: body.effectiveDate,
        description: body.description,
        registeredBy: user.username,
        idempotencyKey: key,
        registeredAt: now.toISOString(),
      };
      await insertReform(
        db,
        reform,
        body.departments.map((d) => ({
          id: obligationId(id, d),
          department: d,
          workflowId: obligationWorkflowId(obligationId(id, d)),
        })),
      );
      await auditByUser(db, user, { action: 'reform.register', entityType: 'reform', entityId: id, ip });
      await startAll((await getReform(db, id))!);
      // Answer once each department's task is in its inbox, so the deadlines show.
      await settle(
        () => detail(reform),
        (d) => d.obligations.every((o) => o.deadlines.length > 0),
      );
      return { created: true, reform: await detail((await getReform(db, id))!) };
    },

    /** Reforms, newest first: all (their obligations are public), or those obliging one department. */
    async list(q: { department?: string; page: number; pageSize: number }) {
      const page = await listReforms(db, q);
      return {
        items: page.items.map((r) => ({
          id: r.id,
          title: r.title,
          effectiveDate: r.effectiveDate,
          registeredAt: r.registeredAt,
          departments: r.obligations.length,
          met: r.obligations.filter((o) => o.status === 'met').length,
        })),
        total: page.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async read(id: string) {
      const r = await getReform(db, id);
      if (!r) throw new HttpError(404, 'reform_not_found', `No reform ${id}.`);
      return detail(r);
    },

    sanctions: (q: { department?: string; active?: boolean }) => listSanctions(db, q),

    /**
     * The department's data steward decides on one resource its obligation lists (art. 9). A
     * transfer names a department the directory holds. The obligation's workflow records and
     * applies it.
     */
    async decide(user: User, reformId: string, department: string, body: ResourceDecisionBody) {
      const r = await getReform(db, reformId);
      const o = r && (await obligationsOfReform(db, r.id)).find((x) => x.department === department);
      if (!r || !o)
        throw new HttpError(
          404,
          'obligation_not_found',
          `Reform ${reformId} obliges no department ${department}.`,
        );
      mayMaintainEntry(user, department, `The obligation of ${department}`);
      if (body.successor) {
        const problems = await unknownDepartments(db, [body.successor], 'successor');
        if (problems.length)
          throw unprocessable(
            'invalid_decision',
            'decision',
            problems.map((p) => ({ ...p, path: 'successor' })),
          );
      }
      await temporal.runUpdate(o.workflowId, decideResource, [
        {
          actor: actorOf(user),
          resourceCode: body.resourceCode,
          decision: body.decision,
          ...(body.successor ? { successor: body.successor } : {}),
          reason: body.reason,
        },
      ]);
      return detail(r);
    },
  };
}
