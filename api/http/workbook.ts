/**
 * Workbooks (XLSX, exceljs) as offices hand over lists: a sheet per kind of
 * row, a header row naming each column in Chinese and by its field. Writing
 * one, and reading one back cell by cell: every bad cell becomes a problem
 * named by sheet, row and column (`用户 Users!D4`), so an import can refuse
 * the whole file and say where each mistake is.
 */
import ExcelJS from 'exceljs';
import type { ZodType } from 'zod';
import { hasVisibleText } from '../../domain/text/visible';

export interface Column {
  key: string;
  header: string;
  width: number;
}

/** A cell's problem: where it is, what is wrong, and the values the app needs to say it. */
export interface SheetProblem {
  path: string;
  code: string;
  message: string;
  params: Record<string, string | number>;
}

/** What a cell rule answers: the value read, or why the cell is refused. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
export type CellRule<T> = (v: string) => CellResult<T>;

export const columnLetter = (i: number) => String.fromCharCode(65 + i);

/** A new workbook with one frozen-header sheet per entry of `sheets`. */
export async function writeWorkbook(
  sheets: { name: string; columns: Column[]; rows: Record<string, string>[] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govshare';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A row of a sheet being read: its number and its cells' trimmed text by column key. */
export interface SheetRow {
  row: number;
  cell: (key: string) => string;
}

/** Reads an uploaded workbook, collecting every problem found on the way. */
export class WorkbookReader {
  readonly problems: SheetProblem[] = [];
  private constructor(private readonly wb: ExcelJS.Workbook | null) {}

  /** The workbook in `bytes`; a file that is not one is a problem of `file`, and has no sheets. */
  static async load(bytes: Buffer): Promise<WorkbookReader> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return new WorkbookReader(wb);
    } catch {
      const reader = new WorkbookReader(null);
      reader.problems.push({
        path: 'file',
        code: 'not_a_workbook',
        message: 'is not an XLSX workbook',
        params: {},
      });
      return reader;
    }
  }

  get readable(): boolean {
    return this.wb !== null;
  }

  /** The filled rows of sheet `name` under its header row, whose columns must be `columns`, in order. */
  rows(name: string, columns: Column[], template: string): SheetRow[] {
    if (!this.wb) return [];
    const ws = this.wb.getWorksheet(name);
    if (!ws) {
      this.problems.push({
        path: name,
        code: 'sheet_missing',
        message: `the workbook has no sheet "${name}"; ${template}`,
        params: { sheet: name },
      });
      return [];
    }
    const header = ws.getRow(1);
    columns.forEach((c, i) => {
      const text = header.getCell(i + 1).text.trim();
      if (!text.toLowerCase().includes(c.key.toLowerCase()))
        this.problems.push({
          path: `${name}!${columnLetter(i)}1`,
          code: 'column_missing',
          message: `column ${columnLetter(i)} must be "${c.header}" (found "${text}")`,
          params: { sheet: name, row: 1, column: columnLetter(i), header: c.header },
        });
    });
    const out: SheetRow[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells = columns.map((_, i) => row.getCell(i + 1).text.trim());
      if (cells.every((c) => c === '')) return;
      out.push({ row: n, cell: (key) => cells[columns.findIndex((c) => c.key === key)] ?? '' });
    });
    return out;
  }

  /** The address of a cell, e.g. `资源 Resources!C4`. */
  static at(sheet: string, columns: Column[], row: number, key: string): string {
    return `${sheet}!${columnLetter(
      Math.max(
        columns.findIndex((c) => c.key === key),
        0,
      ),
    )}${row}`;
  }

  /** Records a problem at a cell. */
  refuse(sheet: string, columns: Column[], row: number, key: string, code: string, message: string): void {
    const column = columnLetter(
      Math.max(
        columns.findIndex((c) => c.key === key),
        0,
      ),
    );
    this.problems.push({
      path: `${sheet}!${column}${row}`,
      code,
      message: `${sheet} row ${row}, column ${column} (${key}): ${message}`,
      params: { sheet, row, column, field: key },
    });
  }

  /** A cell's value by `rule`, or undefined with the problem recorded. */
  cell<T>(sheet: string, columns: Column[], r: SheetRow, key: string, rule: CellRule<T>): T | undefined {
    const result = rule(r.cell(key));
    if (result.ok) return result.value;
    this.refuse(sheet, columns, r.row, key, result.code, result.message);
    return undefined;
  }
}

/** Text of at most `max` characters with something visible in it; empty is null unless required. */
export const textCell =
  (max: number, required = true): CellRule<string | null> =>
  (v) =>
    v === ''
      ? required
        ? { ok: false, code: 'cell_required', message: 'is required' }
        : { ok: true, value: null }
      : !hasVisibleText(v)
        ? { ok: false, code: 'cell_not_visible', message: 'holds no visible characters' }
        : v.length > max
          ? { ok: false, code: 'cell_too_long', message: `is longer than ${max} characters` }
          : { ok: true, value: v };

/** A value a zod schema accepts; empty is null when optional. */
export const schemaCell =
  (schema: ZodType, optional = false): CellRule<string | null> =>
  (v) => {
    if (v === '' && optional) return { ok: true, value: null };
    const r = schema.safeParse(v);
    return r.success
      ? { ok: true, value: r.data as string }
      : {
          ok: false,
          code: v === '' ? 'cell_required' : 'invalid_format',
          message: r.error.issues[0].message,
        };
  };

/** One of `codes`, written as its code or its Chinese name (`names`). */
export const choiceCell =
  <C extends string>(codes: readonly C[], names: Record<C, string>, code: string): CellRule<C> =>
  (v) => {
    // Brackets of either width: 县(区) and 县（区） are the same name.
    const plain = (x: string) => x.replace(/（/g, '(').replace(/）/g, ')');
    const found = codes.find((c) => c === v) ?? codes.find((c) => plain(names[c]) === plain(v));
    return found
      ? { ok: true, value: found }
      : { ok: false, code, message: `must be one of ${codes.map((c) => `${names[c]} (${c})`).join(', ')}` };
  };

/** A list in one cell, separated by commas or 、 (either width). */
export const listOf = (v: string): string[] =>
  v
    .split(/[,,、;;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
