/**
 * Lays out an approval form (审批表) as an A4 PDF with pdfkit: a title, the
 * case's particulars as a two-column table, the record of what was done (who,
 * when, what was decided, why, under which article), the deadlines and their
 * sources, the attachments, and on every page who printed it, when, and the
 * page number. Chinese is set in Noto Sans SC (@embedpdf/fonts-sc), embedded
 * as a subset so a form of a few pages stays small.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

export interface ApprovalFormLayout {
  /** The document's title, e.g. 共享申请审批表. */
  title: string;
  /** Above the title: the measures the case runs under. */
  subtitle: string;
  /** The case's particulars, label and value. */
  particulars: [string, string][];
  /** Titled tables: a header row and its rows. Column widths are shares of the page's width. */
  tables: { title: string; header: string[]; widths: number[]; rows: string[][]; empty: string }[];
  /** Printed at the foot of every page, before the page number. */
  footer: string;
  /** "第 {page} 页 共 {pages} 页" in the form's language. */
  pageLabel: (page: number, pages: number) => string;
  /** For the PDF's metadata. */
  author: string;
}

// The package's entry is dist/index.cjs; its fonts sit beside dist.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
// Parsed once, on the first form printed, and kept: parsing an 8 MB CJK font costs more than laying out a form.
type Font = ReturnType<typeof fontkit.create>;
let fonts: { regular: Font; bold: Font } | undefined;
const parse = (file: string) => fontkit.create(readFileSync(path.join(FONT_DIR, file)));
const loadFonts = () =>
  (fonts ??= { regular: parse('NotoSansHans-Regular.otf'), bold: parse('NotoSansHans-Bold.otf') });

const MARGIN = 50;
const BORDER = '#999999';
const HEADER_FILL = '#eeeeee';

export function renderApprovalForm(form: ApprovalFormLayout): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: form.title, Author: form.author, Creator: 'govshare' },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = loadFonts();
  // pdfkit takes a parsed fontkit font where its types say a file.
  doc.registerFont('regular', regular as never);
  doc.registerFont('bold', bold as never);
  const width = doc.page.width - MARGIN * 2;

  doc.font('regular').fontSize(10).fillColor('#555555').text(form.subtitle, { align: 'center' });
  doc.moveDown(0.3);
  doc.font('bold').fontSize(18).fillColor('black').text(form.title, { align: 'center' });
  doc.moveDown(0.8);

  doc.font('regular').fontSize(10);
  doc.table({
    columnStyles: [width * 0.2, width * 0.8],
    defaultStyle: { border: 0.5, borderColor: BORDER, padding: 4 },
    data: form.particulars.map(([label, value]) => [
      { text: label, font: { src: 'bold' }, backgroundColor: HEADER_FILL },
      value || '—',
    ]),
  });

  for (const t of form.tables) {
    doc.moveDown(1);
    doc.x = MARGIN;
    doc.font('bold').fontSize(12).text(t.title);
    doc.moveDown(0.3);
    doc.font('regular').fontSize(9);
    const rows = t.rows.length ? t.rows : [[t.empty, ...t.header.slice(1).map(() => '')]];
    doc.table({
      columnStyles: t.widths.map((w) => width * w),
      defaultStyle: { border: 0.5, borderColor: BORDER, padding: 3 },
      data: [
        t.header.map((h) => ({
          text: h,
          font: { src: 'bold' },
          backgroundColor: HEADER_FILL,
          type: 'TH' as const,
        })),
        ...rows.map((r) => r.map((cell) => cell || '—')),
      ],
    });
  }

  // The foot of every page, written once all pages exist so each knows how many there are.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#555555')
      .text(`${form.footer}    ${form.pageLabel(i + 1, range.count)}`, MARGIN, doc.page.height - MARGIN, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
