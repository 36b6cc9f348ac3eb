/**
 * Catalogue entry review (目录编制审核, art. 7, 9). A data steward has
 * submitted a draft of catalogue entries. A reviewer or steward of the same
 * department who is not its author reviews it (逐条审核, art. 9); a draft with
 * an entry that is not shared, or with a change that narrows sharing, then
 * goes to the LG office to 核定 its legal basis (art. 7). Either may return
 * it: its department revises and resubmits it, or withdraws it. Once approved
 * (and 核定 where needed) its entries are checked again and registered and
 * published as new versions, the departments holding grants on a narrowed
 * entry are told, and the department's open reform obligations hear of the
 * change. If the catalogue or the directory changed meanwhile so that an entry
 * no longer passes (its national code taken, a department deactivated), the
 * draft goes back to its department with the problems named.
 *
 * Drawn in diagram.bpmn beside this file, whose ids are these steps.
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE: a change to what it does (activities,
 * timers, their order) goes behind `patched()` or into a new workflow type;
 * the replay test (test/replay/) checks the recorded histories still replay.
 */
import {
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { SA } from '../../domain/search-attributes';
import { DRAFTS_WATCH_FRESHNESS } from '../cases/patches';
import {
  cycleChanged,
  freshnessWorkflowId,
  RESOURCE_FRESHNESS_PROCESS,
} from '../resource_freshness/contract';
import type { resourceFreshness } from '../resource_freshness/workflow';
import { calendarChanged, completeTask, TaskRefusal, type CompleteTaskInput } from '../sla/task-contract';
import { catalogueChanged } from '../catalogue_update/contract';
import {
  CATALOGUE_ENTRY_PROCESS,
  CATALOGUE_ENTRY_STEPS as STEPS,
  type CatalogueEntryFacts,
  type CatalogueEntryInput,
  type CatalogueEntryStatus,
  type PublishedDraft,
} from './contract';
import { acts } from '../cases/activities-proxy';
import { CaseRecorder, noticeTo, type CaseEventInput } from '../cases/case-recorder';
import { HumanTasks, refuse } from '../sla/human-tasks';
import type { TaskOutcome } from '../sla/task-contract';
import { own } from './activities-proxy';

/** The status a draft shows while each step's task is open. */
const STATUS_OF_STEP: Record<string, CatalogueEntryStatus> = {
  [STEPS.review]: 'entry_review',
  [STEPS.verification]: 'entry_verification',
  [STEPS.revision]: 'returned',
};

export async function catalogueEntry(input: CatalogueEntryInput): Promise<CatalogueEntryStatus> {
  const { draftId, provider, author } = input;
  const record = new CaseRecorder<CatalogueEntryStatus, CatalogueEntryFacts>(
    CATALOGUE_ENTRY_PROCESS,
    draftId,
    'entry_review',
  );
  const toDepartment = noticeTo([{ role: 'data_steward', department: provider }], {
    zh: `${input.title.zh}(${draftId})`,
    en: `${input.title.en} (${draftId})`,
  });
  const policy = await acts.loadPolicyInForce({ at: input.submittedAt });
  const tasks = new HumanTasks({
    processType: CATALOGUE_ENTRY_PROCESS,
    caseId: draftId,
    policy,
    parties: { provider },
    caseMoveOnOpening: (t) =>
      record.prepare(STATUS_OF_STEP[t.step], t.step, { action: 'task_opened', step: t.step }),
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);

  /** Art. 9's 逐条审核 is a second pair of eyes: the author does not review their own draft. */
  const notByAuthor = (i: CompleteTaskInput) => {
    if (i.actor.username === author.username)
      refuse(
        TaskRefusal.Forbidden,
        `${author.username} wrote this draft; another reviewer or data steward of the department reviews it`,
        'self_review',
      );
  };

  await record.move('entry_review', null, { action: 'submitted', actor: author });

  for (;;) {
    const review = await tasks.decide(STEPS.review, { validate: notByAuthor });
    let returned: CaseEventInput | null = review.decision === 'return' ? decided('returned', review) : null;
    if (!returned) {
      const assessment = await own.assessCatalogueDraft({ draftId });
      await record.move('entry_review', null, decided('reviewed', review), {
        facts: { needsVerification: assessment.needsVerification },
      });
      if (assessment.needsVerification) {
        const verification = await tasks.decide(STEPS.verification);
        if (verification.decision === 'return') returned = decided('returned', verification);
        else await record.move('entry_verification', null, decided('verified', verification));
      }
    }
    if (!returned) {
      const published = await own.publishCatalogueDraft({ draftId });
      // Answers recorded before publishing checked the entries again have no problems: they published.
      const problems = published.problems ?? [];
      if (problems.length === 0) {
        await finish(published);
        return 'published';
      }
      // The catalogue or the directory changed since the draft was checked: it goes back to its department.
      returned = {
        action: 'returned',
        reason: problems.map((p) => `${p.code} ${p.path}: ${p.message}`).join('; '),
      };
    }
    await record.move('returned', null, returned, {
      notice: toDepartment('目录草稿被退回修改', 'The catalogue draft was returned for revision'),
    });
    const revision = await tasks.decide(STEPS.revision);
    if (revision.decision === 'withdraw') {
      await own.closeCatalogueDraft({ draftId });
      await record.move('withdrawn', null, decided('withdrawn', revision));
      return 'withdrawn';
    }
    await record.move('entry_review', null, decided('resubmitted', revision));
  }

  async function finish(published: PublishedDraft): Promise<void> {
    await record.move(
      'published',
      null,
      {
        action: 'published',
        reason: published.versions.map((v) => `${v.code} v${v.version}`).join(', '),
      },
      { notice: toDepartment('目录已注册发布', 'The catalogue entries are published') },
    );
    if (patched(DRAFTS_WATCH_FRESHNESS)) await watchFreshness(published, provider);
    // A reform obligation of the provider is met by a change to its catalogue (art. 9, 37).
    const at = new Date(Date.now()).toISOString();
    for (const workflowId of published.obligations) {
      for (const v of published.versions.filter((x) => x.created)) {
        try {
          await getExternalWorkflowHandle(workflowId).signal(catalogueChanged, {
            resourceCode: v.code,
            by: author,
            at,
          });
        } catch {
          // The obligation ended meanwhile: nothing to tell it.
        }
      }
    }
  }
}

/**
 * Art. 20: each entry the draft registered or changed is watched for freshness from now: its case
 * is started (and outlives this draft), or, already running, told of its update cycle.
 */
async function watchFreshness(published: PublishedDraft, provider: string): Promise<void> {
  const now = new Date(Date.now()).toISOString();
  for (const v of published.versions) {
    if (!v.created || !v.cycle || !v.name) continue;
    try {
      await startChild<typeof resourceFreshness>(RESOURCE_FRESHNESS_PROCESS, {
        workflowId: freshnessWorkflowId(v.code),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        typedSearchAttributes: [
          { key: SA.process, value: RESOURCE_FRESHNESS_PROCESS },
          { key: SA.status, value: 'fresh' },
          { key: SA.provider, value: provider },
        ],
        args: [
          {
            resourceCode: v.code,
            resourceName: v.name,
            provider: provider,
            cycle: v.cycle,
            lastUpdatedAt: now,
          },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      await getExternalWorkflowHandle(freshnessWorkflowId(v.code)).signal(cycleChanged, { cycle: v.cycle });
    }
  }
}

/** The case event of a decided step. */
function decided(action: string, o: TaskOutcome): CaseEventInput {
  return { action, step: o.step, actor: o.actor, decision: o.decision, reason: o.reason };
}
