/**
 * The catalogue as a workbook, the way departments compile their 资源目录 in
 * Excel: a sheet of resources (one row each), a sheet of their data items and
 * a sheet of their sharing conditions, both keyed by the resource's code.
 * Codes are written as Chinese names (有条件共享, 基础项…) and read either way.
 * Reading checks every cell and then every entry against the catalogue's
 * schema, naming each problem by sheet, row and column; it stores nothing.
 */
import type { Resource, ResourceInput } from '../../domain/catalogue/resource';
import {
  CATEGORIES,
  CLASSIFICATIONS,
  ITEM_DATA_TYPES,
  ITEM_KINDS,
  OPEN_DATA_DOMAINS,
  RESOURCE_FORMATS,
  ResourceInputSchema,
  SHARE_TYPES,
  SHARING_MODES,
  UPDATE_CYCLES,
} from '../../domain/catalogue/resource';
import { codeNames } from '../../domain/text/code-names';
import {
  choiceCell,
  listOf,
  textCell,
  WorkbookReader,
  writeWorkbook,
  type CellRule,
  type Column,
  type SheetProblem,
  type SheetRow,
} from '../http/workbook';

export const RESOURCE_SHEET = '资源 Resources';
export const ITEM_SHEET = '数据项 Items';
export const CONDITION_SHEET = '共享条件 Conditions';

const RESOURCE_COLUMNS: Column[] = [
  { key: 'code', header: '资源编码 code', width: 16 },
  { key: 'name', header: '资源名称 name', width: 24 },
  { key: 'summary', header: '摘要 summary', width: 40 },
  { key: 'providerDepartment', header: '提供部门 providerDepartment', width: 22 },
  { key: 'category', header: '资源分类 category', width: 12 },
  { key: 'shareType', header: '共享类型 shareType', width: 14 },
  { key: 'legalBasis', header: '不予共享或有条件共享依据 legalBasis', width: 36 },
  { key: 'mode', header: '共享方式 mode', width: 12 },
  { key: 'updateCycle', header: '更新周期 updateCycle', width: 12 },
  { key: 'openToPublic', header: '向社会开放 openToPublic', width: 12 },
  { key: 'classification', header: '密级 classification', width: 16 },
  { key: 'statutoryRecipients', header: '法定共享部门 statutoryRecipients', width: 28 },
  { key: 'contributingDepartments', header: '参与建设部门 contributingDepartments', width: 28 },
  { key: 'domains', header: '优先开放领域 domains', width: 20 },
  { key: 'nationalCode', header: '信息资源代码 nationalCode', width: 20 },
  { key: 'format', header: '信息资源格式 format', width: 14 },
  { key: 'relatedResources', header: '关联资源代码 relatedResources', width: 24 },
];

const ITEM_COLUMNS: Column[] = [
  { key: 'resourceCode', header: '资源编码 resourceCode', width: 16 },
  { key: 'name', header: '数据项名称 name', width: 24 },
  { key: 'kind', header: '类型 kind', width: 12 },
  { key: 'dataType', header: '数据类型 dataType', width: 12 },
];

const CONDITION_COLUMNS: Column[] = [
  { key: 'resourceCode', header: '资源编码 resourceCode', width: 16 },
  { key: 'id', header: '条件标识 id', width: 16 },
  { key: 'question', header: '申请人须回答的问题 question', width: 48 },
];

/** The Chinese names the sheet writes for each set of codes (the app's own names for them). */
const namesOf = <C extends string>(codes: readonly C[], prefix = '') =>
  Object.fromEntries(codes.map((c) => [c, codeNames[`${prefix}${c}`]?.zh ?? c])) as Record<C, string>;
const ITEM_KIND_NAMES: Record<(typeof ITEM_KINDS)[number], string> = { base: '基础项', business: '业务项' };
const DOMAIN_NAMES = namesOf(OPEN_DATA_DOMAINS, 'domain_');
const FORMAT_NAMES = namesOf(RESOURCE_FORMATS, 'format_');
const DATA_TYPE_NAMES = namesOf(ITEM_DATA_TYPES, 'dataType_');
const YES = '是';
const NO = '否';

export async function catalogueWorkbook(resources: Resource[]): Promise<Buffer> {
  const joined = (list: string[]) => list.join('、');
  return writeWorkbook([
    {
      name: RESOURCE_SHEET,
      columns: RESOURCE_COLUMNS,
      rows: resources.map((r) => ({
        code: r.code,
        name: r.name,
        summary: r.summary,
        providerDepartment: r.providerDepartment.code,
        category: namesOf(CATEGORIES)[r.category],
        shareType: namesOf(SHARE_TYPES)[r.shareType],
        legalBasis: r.legalBasis ?? '',
        mode: namesOf(SHARING_MODES)[r.mode],
        updateCycle: namesOf(UPDATE_CYCLES)[r.updateCycle],
        openToPublic: r.openToPublic ? YES : NO,
        classification: namesOf(CLASSIFICATIONS)[r.classification],
        statutoryRecipients: joined(r.statutoryRecipients.map((d) => d.code)),
        contributingDepartments: joined(r.contributingDepartments.map((d) => d.code)),
        domains: joined(r.domains.map((d) => DOMAIN_NAMES[d])),
        nationalCode: r.nationalCode ?? '',
        format: r.format ? FORMAT_NAMES[r.format] : '',
        relatedResources: joined(r.relatedResources),
      })),
    },
    {
      name: ITEM_SHEET,
      columns: ITEM_COLUMNS,
      rows: resources.flatMap((r) =>
        r.items.map((i) => ({
          resourceCode: r.code,
          name: i.name,
          kind: ITEM_KIND_NAMES[i.kind],
          dataType: i.dataType ? DATA_TYPE_NAMES[i.dataType] : '',
        })),
      ),
    },
    {
      name: CONDITION_SHEET,
      columns: CONDITION_COLUMNS,
      rows: resources.flatMap((r) =>
        r.conditions.map((c) => ({ resourceCode: r.code, id: c.id, question: c.question })),
      ),
    },
  ]);
}

/** An entry read from the workbook, and where each of its fields came from (for the rules checked later). */
export interface WorkbookEntry {
  entry: ResourceInput;
  /** The address of the cell behind a field path of the entry (`items[2]` is a row of the items sheet). */
  at: (path: string) => string;
}

/** Reads an uploaded catalogue workbook into entries, or the problems of every bad cell and entry. */
export async function readCatalogueWorkbook(
  bytes: Buffer,
): Promise<{ entries: WorkbookEntry[]; problems: SheetProblem[] }> {
  const reader = await WorkbookReader.load(bytes);
  const TEMPLATE = 'export the catalogue for a template';
  const yesNo: CellRule<boolean> = (v) =>
    v === '' || v === NO || /^(false|no|否)$/i.test(v)
      ? { ok: true, value: false }
      : v === YES || /^(true|yes)$/i.test(v)
        ? { ok: true, value: true }
        : { ok: false, code: 'invalid_flag', message: `must be ${YES} or ${NO}` };
  const domains: CellRule<string[]> = (v) => {
    const rule = choiceCell(OPEN_DATA_DOMAINS, DOMAIN_NAMES, 'invalid_domain');
    const read = listOf(v).map(rule);
    const bad = read.find((r) => !r.ok);
    return bad && !bad.ok ? bad : { ok: true, value: read.map((r) => (r.ok ? r.value : '')) };
  };
  const list: CellRule<string[]> = (v) => ({ ok: true, value: listOf(v) });

  // Items and conditions first, by the resource they belong to, in row order.
  const optional =
    <C extends string>(rule: CellRule<C>): CellRule<C | null> =>
    (v) =>
      v === '' ? { ok: true, value: null } : rule(v);
  const itemsOf = new Map<
    string,
    { row: SheetRow; name: string | null; kind: string | undefined; dataType: string | null | undefined }[]
  >();
  for (const r of reader.rows(ITEM_SHEET, ITEM_COLUMNS, TEMPLATE)) {
    const code = reader.cell(ITEM_SHEET, ITEM_COLUMNS, r, 'resourceCode', textCell(40));
    const name = reader.cell(ITEM_SHEET, ITEM_COLUMNS, r, 'name', textCell(100));
    const kind = reader.cell(
      ITEM_SHEET,
      ITEM_COLUMNS,
      r,
      'kind',
      choiceCell(ITEM_KINDS, ITEM_KIND_NAMES, 'invalid_kind'),
    );
    const dataType = reader.cell(
      ITEM_SHEET,
      ITEM_COLUMNS,
      r,
      'dataType',
      optional(choiceCell(ITEM_DATA_TYPES, DATA_TYPE_NAMES, 'invalid_dataType')),
    );
    if (code)
      itemsOf.set(code, [...(itemsOf.get(code) ?? []), { row: r, name: name ?? null, kind, dataType }]);
  }
  const conditionsOf = new Map<string, { row: SheetRow; id: string | null; question: string | null }[]>();
  for (const r of reader.rows(CONDITION_SHEET, CONDITION_COLUMNS, TEMPLATE)) {
    const code = reader.cell(CONDITION_SHEET, CONDITION_COLUMNS, r, 'resourceCode', textCell(40));
    const id = reader.cell(CONDITION_SHEET, CONDITION_COLUMNS, r, 'id', textCell(40));
    const question = reader.cell(CONDITION_SHEET, CONDITION_COLUMNS, r, 'question', textCell(300));
    if (code)
      conditionsOf.set(code, [
        ...(conditionsOf.get(code) ?? []),
        { row: r, id: id ?? null, question: question ?? null },
      ]);
  }

  const entries: WorkbookEntry[] = [];
  const seen = new Set<string>();
  for (const r of reader.rows(RESOURCE_SHEET, RESOURCE_COLUMNS, TEMPLATE)) {
    const cell = <T>(key: string, rule: CellRule<T>) =>
      reader.cell(RESOURCE_SHEET, RESOURCE_COLUMNS, r, key, rule);
    const choice = <C extends string>(key: string, codes: readonly C[]) =>
      cell(key, choiceCell(codes, namesOf(codes), `invalid_${key}`));
    const code = cell('code', textCell(40));
    const raw = {
      code,
      name: cell('name', textCell(100)),
      summary: cell('summary', textCell(2000)),
      providerDepartment: cell('providerDepartment', textCell(40)),
      category: choice('category', CATEGORIES),
      shareType: choice('shareType', SHARE_TYPES),
      legalBasis: cell('legalBasis', textCell(1000, false)),
      mode: choice('mode', SHARING_MODES),
      updateCycle: choice('updateCycle', UPDATE_CYCLES),
      openToPublic: cell('openToPublic', yesNo),
      classification: choice('classification', CLASSIFICATIONS),
      statutoryRecipients: cell('statutoryRecipients', list),
      contributingDepartments: cell('contributingDepartments', list),
      domains: cell('domains', domains),
      nationalCode: cell('nationalCode', textCell(60, false)),
      format: cell('format', optional(choiceCell(RESOURCE_FORMATS, FORMAT_NAMES, 'invalid_resource_format'))),
      relatedResources: cell('relatedResources', list),
    };
    if (!code) continue;
    if (seen.has(code)) {
      reader.refuse(
        RESOURCE_SHEET,
        RESOURCE_COLUMNS,
        r.row,
        'code',
        'duplicate',
        `${code} is on an earlier row too`,
      );
      continue;
    }
    seen.add(code);
    const items = itemsOf.get(code) ?? [];
    const conditions = conditionsOf.get(code) ?? [];
    itemsOf.delete(code);
    conditionsOf.delete(code);
    if (
      Object.values(raw).some((v) => v === undefined) ||
      items.some((i) => !i.name || !i.kind || i.dataType === undefined)
    )
      continue;
    if (conditions.some((c) => !c.id || !c.question)) continue;

    const at = (path: string): string => {
      const [field, index] = path.replace(/\]/g, '').split(/[[.]/);
      if (field === 'items' && index !== undefined && items[Number(index)])
        return WorkbookReader.at(ITEM_SHEET, ITEM_COLUMNS, items[Number(index)].row.row, 'name');
      if (field === 'conditions' && index !== undefined && conditions[Number(index)])
        return WorkbookReader.at(CONDITION_SHEET, CONDITION_COLUMNS, conditions[Number(index)].row.row, 'id');
      // A rule about a list on another sheet (no conditions for a conditional entry) is the row's: its sharing type, or its code.
      const column = RESOURCE_COLUMNS.some((c) => c.key === field)
        ? field
        : field === 'conditions'
          ? 'shareType'
          : 'code';
      return WorkbookReader.at(RESOURCE_SHEET, RESOURCE_COLUMNS, r.row, column);
    };
    const parsed = ResourceInputSchema.safeParse({
      ...raw,
      items: items.map((i) => ({ name: i.name, kind: i.kind, dataType: i.dataType })),
      conditions: conditions.map((c) => ({ id: c.id, question: c.question })),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');
        reader.problems.push({
          path: at(path.replace(/\.\[/g, '[')),
          code: 'invalid_entry',
          message: `${code}: ${path.replace(/\.\[/g, '[') || 'entry'}: ${issue.message}`,
          params: { resource: code, field: path },
        });
      }
      continue;
    }
    entries.push({ entry: parsed.data, at });
  }
  // Items or conditions of a resource the resources sheet does not list (those it lists were taken above).
  const strays: [string, Column[], Map<string, { row: SheetRow }[]>][] = [
    [ITEM_SHEET, ITEM_COLUMNS, itemsOf],
    [CONDITION_SHEET, CONDITION_COLUMNS, conditionsOf],
  ];
  for (const [sheet, columns, byCode] of strays)
    for (const [code, rows] of byCode)
      if (!seen.has(code))
        for (const { row } of rows)
          reader.refuse(
            sheet,
            columns,
            row.row,
            'resourceCode',
            'not_on_resource_sheet',
            `${code} is not on the sheet "${RESOURCE_SHEET}"`,
          );
  return { entries, problems: reader.problems };
}
