/**
 * What auditors do with the logs: search the audit trail, download it, verify
 * both hash chains and their signed checkpoints. Every one of these reads is
 * itself logged. Nothing here changes a log entry.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import {
  auditForExport,
  searchAudit,
  type AuditRecord,
  type AuditSearch,
} from '../../db/audit/audit-query-repository';
import {
  latestCheckpoints,
  verifyChain,
  writeCheckpoint,
  type Checkpoint,
} from '../../db/audit/log-chain-repository';
import type { User } from '../../db/directory-repository';
import { policyInForce } from '../../db/policy-repository';
import { CHAINED_LOGS } from '../../domain/audit/log-chain';
import { localIso, ZONE } from '../../domain/calendar/working-days';
import { articleLabel } from '../../domain/policy/articles';
import { protectionTriggers, PROTECTION_TRIGGERS } from '../../db/audit/log-protection';
import { loadLogSigningKey, type LogSigningKey } from '../../runtime/log-signing-key';
import { auditByUser } from '../cases/audit';
import type { ApiDeps } from '../http/deps';
import type { CheckpointView } from './schemas';
import { directoryNames } from '../directory/names';

/** The most entries one download holds; a wider filter is told to narrow itself. */
export const MAX_EXPORT_ROWS = 10_000;

const HEADER: [string, string][] = [
  ['序号', 'Position'],
  ['时间', 'Time'],
  ['操作人', 'Actor'],
  ['部门', 'Department'],
  ['操作', 'Action'],
  ['对象类型', 'Entity type'],
  ['对象', 'Entity'],
  ['地址', 'Address'],
  ['结果', 'Outcome'],
  ['详情', 'Detail'],
  ['哈希', 'Hash'],
];

const cells = (r: AuditRecord) => [
  r.pos,
  r.at,
  r.actor ?? '(系统)',
  r.actorDepartment ?? '',
  r.action,
  r.entityType,
  r.entityId,
  r.ip ?? '',
  r.outcome === 'refused' ? '拒绝 refused' : '成功 ok',
  r.detail === null ? '' : JSON.stringify(r.detail),
  r.hash ?? '',
];

const view = (c: Checkpoint): CheckpointView => ({
  id: c.id,
  log: c.log,
  pos: c.pos,
  hash: c.hash,
  at: localIso(c.atMs),
  keyId: c.keyId,
  signature: c.signature,
});

export function createAuditService(deps: ApiDeps) {
  const { db } = deps;
  let key: LogSigningKey | undefined;
  const signingKey = () =>
    (key ??= loadLogSigningKey(deps.config.logSigningKey.file, deps.config.logSigningKey));

  return {
    async search(
      user: User,
      f: AuditSearch,
      page: { page: number; pageSize: number },
      ip: string | undefined,
    ) {
      const [found, names] = await Promise.all([searchAudit(db, f, page), directoryNames(db)]);
      await auditByUser(db, user, {
        action: 'audit.search',
        entityType: 'audit_log',
        entityId: 'audit_log',
        ip,
        detail: { filter: f, page: page.page, total: found.total },
      });
      const items = found.items.map((e) => ({
        ...e,
        actorName: names.person(e.actor),
        actorDepartmentName: names.department(e.actorDepartment),
      }));
      return { ...found, items, ...page };
    },

    async export(user: User, f: AuditSearch, format: 'csv' | 'xlsx', ip: string | undefined) {
      const { items, more } = await auditForExport(db, f, MAX_EXPORT_ROWS);
      await auditByUser(db, user, {
        action: 'audit.export',
        entityType: 'audit_log',
        entityId: 'audit_log',
        ip,
        detail: { filter: f, format, rows: items.length, truncated: more },
      });
      const stamp = DateTime.now().setZone(ZONE).toFormat('yyyyLLdd-HHmm');
      const filename = `audit-${stamp}.${format}`;
      if (format === 'csv') {
        const note = more
          ? [
              [
                `仅含最新 ${MAX_EXPORT_ROWS} 条,请缩小筛选范围 / Only the newest ${MAX_EXPORT_ROWS}; narrow the filter`,
              ],
            ]
          : [];
        return {
          filename,
          body: `\ufeff${stringify([...note, HEADER.map(([zh, en]) => `${zh} ${en}`), ...items.map(cells)])}`,
        };
      }
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('审计日志');
      sheet.addRow(HEADER.map(([zh]) => zh)).font = { bold: true };
      for (const r of items) sheet.addRow(cells(r));
      if (more) sheet.addRow([`仅含最新 ${MAX_EXPORT_ROWS} 条,请缩小筛选范围`]);
      sheet.columns.forEach((c) => (c.width = 18));
      return { filename, body: Buffer.from(await book.xlsx.writeBuffer()) };
    },

    async verify(user: User, ip: string | undefined) {
      const k = signingKey();
      const logs = [];
      for (const log of CHAINED_LOGS) {
        const report = await verifyChain(db, log, k.publicKey, k.keyId);
        const [latest] = await latestCheckpoints(db, log, 1);
        logs.push({ ...report, latestCheckpoint: latest ? view(latest) : null });
      }
      const triggers = await protectionTriggers(db);
      const today = DateTime.now().setZone(ZONE).toISODate() as string;
      const policy = await policyInForce(db, today);
      const r = policy.document.records?.logRetention;
      const ok = logs.every((l) => l.ok);
      await auditByUser(db, user, {
        action: 'audit.verify',
        entityType: 'audit_log',
        entityId: 'audit_log',
        ip,
        detail: { ok, firstBroken: logs.map((l) => l.firstBroken).filter(Boolean) },
      });
      return {
        ok,
        checkedAt: localIso(Date.now()),
        logs,
        protection: { triggers, complete: triggers.length === PROTECTION_TRIGGERS.length },
        signingKey: { keyId: k.keyId, algorithm: 'SM2 with SM3', publicKeyPem: k.publicKeyPem },
        retention: r
          ? {
              years: r.years,
              article: r.citation.article,
              basis: r.citation.basis,
              policyKey: policy.key,
              label: {
                zh: `日志保留不少于${r.years}年(${articleLabel(r.citation.article)})`,
                en: `Logs kept at least ${r.years} years (${articleLabel(r.citation.article, 'en')})`,
              },
            }
          : null,
      };
    },

    /** Signs both logs' current heads now (the worker also does so daily). */
    async checkpoint(user: User, ip: string | undefined) {
      const k = signingKey();
      const made = [];
      for (const log of CHAINED_LOGS) made.push(view(await writeCheckpoint(db, log, k, Date.now())));
      await auditByUser(db, user, {
        action: 'audit.checkpoint',
        entityType: 'audit_log',
        entityId: 'audit_log',
        ip,
        detail: { checkpoints: made.map((c) => ({ log: c.log, pos: c.pos, hash: c.hash })) },
      });
      return { checkpoints: made };
    },
  };
}
