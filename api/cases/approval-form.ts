/**
 * The printable approval form (审批表) of any case: what an official files
 * or signs on paper. It says what the case is, who asked and about what,
 * every step taken (who, when, what was decided and why, under which
 * article), each step's time limit and where the limit comes from, and the
 * files attached. Chinese by default, English on request; every printing is
 * a read in the audit log.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { listAttachments } from '../../db/attachment-repository';
import { caseParties, caseSummaries } from '../../db/case-summaries';
import { policyByKey, policyInForce } from '../../db/policy-repository';
import { tasksOfCase } from '../../db/task-repository';
import { ZONE } from '../../domain/calendar/working-days';
import { articleLabel } from '../../domain/policy/articles';
import { codeNames } from '../../domain/text/code-names';
import { PROCESS_NAMES, processNamed, type ProcessModule } from '../../processes';
import { mayReadCase } from '../auth/policies';
import { directoryNames } from '../directory/names';
import type { ApiDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import { localToday } from '../http/local-today';
import { addRoute, type FileResponse } from '../http/route';
import { createTaskViews } from '../tasks/task-views';
import { renderApprovalForm, type ApprovalFormLayout } from './approval-form-pdf';
import { createCaseProgress } from './case-progress';

type Lang = 'zh' | 'en';

const LABELS = {
  form: { zh: '审批表', en: 'approval form' },
  caseId: { zh: '编号', en: 'Case' },
  process: { zh: '事项', en: 'Process' },
  requester: { zh: '申请部门', en: 'Requested by' },
  parties: { zh: '相关部门', en: 'Departments' },
  subject: { zh: '申请内容', en: 'Subject' },
  openedAt: { zh: '提交时间', en: 'Submitted' },
  status: { zh: '办理状态', en: 'Status' },
  policy: { zh: '适用办法', en: 'Rules applied' },
  record: { zh: '办理记录', en: 'Record of handling' },
  at: { zh: '时间', en: 'When' },
  step: { zh: '环节', en: 'Step' },
  action: { zh: '办理结果', en: 'Action' },
  actor: { zh: '办理人', en: 'By' },
  reason: { zh: '意见和理由', en: 'Opinion and reasons' },
  article: { zh: '依据', en: 'Article' },
  deadlines: { zh: '办理时限', en: 'Time limits' },
  limit: { zh: '时限', en: 'Limit' },
  source: { zh: '时限来源', en: 'Limit set by' },
  deadline: { zh: '截止时间', en: 'Deadline' },
  state: { zh: '状态', en: 'State' },
  overdue: { zh: '(已逾期)', en: ' (overdue)' },
  attachments: { zh: '附件', en: 'Attachments' },
  fileName: { zh: '文件名', en: 'File' },
  size: { zh: '大小', en: 'Size' },
  uploadedBy: { zh: '上传人', en: 'Uploaded by' },
  none: { zh: '无', en: 'None' },
  actingFor: { zh: '代', en: 'for ' },
  printed: { zh: '打印人:{who}  打印时间:{at}', en: 'Printed by {who} at {at}' },
  page: { zh: '第 {page} 页 共 {pages} 页', en: 'Page {page} of {pages}' },
} satisfies Record<string, { zh: string; en: string }>;

const kib = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.ceil(bytes / 1024)} KB`);

const when = (iso: string | null | undefined) =>
  iso ? DateTime.fromISO(iso).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm') : '';

export function createApprovalForms(deps: ApiDeps) {
  const { db } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  /** The measures a case runs under: its tasks' policy version, else the one in force when it was opened. */
  async function policyTitle(caseId: string, openedAt: string | null, lang: Lang): Promise<string> {
    const key = (await tasksOfCase(db, caseId))[0]?.policyKey;
    const version = key
      ? await policyByKey(db, key)
      : await policyInForce(db, openedAt?.slice(0, 10) ?? localToday()).catch(() => null);
    return version ? version.document.title[lang] : '';
  }

  return async function approvalForm(
    process: ProcessModule,
    caseId: string,
    lang: Lang,
    printedBy: string,
  ): Promise<ApprovalFormLayout> {
    const l = (k: keyof typeof LABELS) => LABELS[k][lang];
    const name = (code: string | null | undefined) => (code ? (codeNames[code]?.[lang] ?? code) : '');
    const [summaries, parties, status, p, names, attachments] = await Promise.all([
      caseSummaries(db, new Map([[process.name, process.summary]]), [{ processType: process.name, caseId }]),
      caseParties(db, process.summary, caseId),
      db(process.table).where('id', caseId).first('status'),
      progress(process.name, caseId),
      directoryNames(db),
      listAttachments(db, process.name, caseId),
    ]);
    const summary = summaries.get(`${process.name}|${caseId}`);
    const dept = (code: string | null) => names.department(code)?.[lang] ?? code ?? '';
    const stepName = new Map(p.deadlines.map((d) => [d.step, d.stepName[lang]]));
    const stepArticle = new Map(p.deadlines.map((d) => [d.step, articleLabel(d.article, lang)]));
    const person = (username: string | null, display: string | null) => display ?? username ?? '';

    const record = p.timeline.map((e) => [
      when(e.at),
      e.step ? (stepName.get(e.step) ?? name(e.step)) : '',
      e.decision ? name(e.decision) : name(e.action === 'submitted' ? 'submitted_event' : e.action),
      e.actor
        ? `${person(e.actor, e.actorName)}${e.onBehalfOf ? `(${l('actingFor')}${person(e.onBehalfOf, e.onBehalfOfName)})` : ''}${e.actorDepartment ? `\n${dept(e.actorDepartment)}` : ''}`
        : '',
      e.reason ?? '',
      e.step ? (stepArticle.get(e.step) ?? '') : '',
    ]);
    const deadlines = p.deadlines.map((d) => [
      d.stepName[lang],
      d.limit[lang],
      d.citation[lang],
      `${when(d.deadline)}${d.breached ? l('overdue') : ''}`,
      name(d.status),
    ]);
    const files = attachments.map((a) => [
      a.fileName,
      kib(a.sizeBytes),
      `${person(a.uploadedBy, names.person(a.uploadedBy))}\n${dept(a.uploadedByDepartment)}`,
      when(a.uploadedAt),
    ]);
    const subject = [summary?.subject, summary?.subjectTitle].filter(Boolean).join(' ');
    return {
      title: lang === 'zh' ? `${process.label.zh}${l('form')}` : `${process.label.en} ${l('form')}`,
      subtitle: await policyTitle(caseId, summary?.openedAt ?? null, lang),
      particulars: [
        [l('caseId'), caseId],
        [l('process'), process.label[lang]],
        [l('requester'), dept(summary?.requesterDepartment ?? null)],
        [l('parties'), (parties ?? []).map(dept).join(lang === 'zh' ? '、' : ', ')],
        [l('subject'), subject],
        [l('openedAt'), when(summary?.openedAt)],
        [l('status'), name((status as { status?: string } | undefined)?.status)],
      ],
      tables: [
        {
          title: l('record'),
          header: [l('at'), l('step'), l('action'), l('actor'), l('reason'), l('article')],
          widths: [0.13, 0.15, 0.13, 0.2, 0.27, 0.12],
          rows: record,
          empty: l('none'),
        },
        {
          title: l('deadlines'),
          header: [l('step'), l('limit'), l('source'), l('deadline'), l('state')],
          widths: [0.22, 0.15, 0.28, 0.23, 0.12],
          rows: deadlines,
          empty: l('none'),
        },
        {
          title: l('attachments'),
          header: [l('fileName'), l('size'), l('uploadedBy'), l('at')],
          widths: [0.45, 0.12, 0.25, 0.18],
          rows: files,
          empty: l('none'),
        },
      ],
      footer: l('printed').replace('{who}', printedBy).replace('{at}', when(DateTime.now().toISO())),
      pageLabel: (page, pages) => l('page').replace('{page}', String(page)).replace('{pages}', String(pages)),
      author: 'govshare',
    };
  };
}

export function approvalFormRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const approvalForm = createApprovalForms(deps);
  addRoute(router, registry, {
    method: 'get',
    path: '/api/cases/:caseType/:caseId/approval-form',
    summary: "A case's approval form (审批表) as a PDF, to print or file",
    description:
      "The case's particulars, every step taken (who, when, the decision, its reasons and article), each step's time limit and its source, and the attachments. The parties' departments and city-level roles may print it; each printing is in the audit log. 404: no such case.",
    tags: ['cases'],
    auth: 'user',
    params: z.object({
      caseType: z.enum(PROCESS_NAMES).openapi({ description: "The case's process (its processType)" }),
      caseId: z.string().trim().min(1, 'is required').max(100),
    }),
    query: z
      .object({ lang: z.enum(['zh', 'en']).default('zh').openapi({ description: "The form's language" }) })
      .strict(),
    file: { contentTypes: ['application/pdf'], description: 'The approval form, A4' },
    audit: {
      action: 'case.print',
      entityType: (params) => params.caseType,
      entityId: (params) => params.caseId,
    },
    handler: async ({ params, query, user }): Promise<FileResponse> => {
      const process = processNamed(params.caseType)!;
      const parties = await caseParties(deps.db, process.summary, params.caseId);
      if (!parties)
        throw new HttpError(404, 'case_not_found', `No ${params.caseType} case ${params.caseId}.`);
      mayReadCase(user, `Case ${params.caseId}`, parties);
      const form = await approvalForm(process, params.caseId, query.lang, user.displayName);
      return {
        contentType: 'application/pdf',
        body: await renderApprovalForm(form),
        filename: `${params.caseId}-approval-form.pdf`,
      };
    },
  });
}
