/**
 * The text of a PDF, page by page, as a reader's copy-and-paste would give it.
 * pdf-parse (Mozilla's pdf.js) loads its worker by dynamic import, which jest's
 * module system cannot do, so it runs in a child Node process.
 */
import { spawn } from 'node:child_process';

const READ = `
import { PDFParse } from 'pdf-parse';
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const parsed = await new PDFParse({ data: Buffer.concat(chunks) }).getText();
process.stdout.write(JSON.stringify(parsed.pages.map((p) => p.text)));
`;

export function pdfPages(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', READ], { cwd: process.cwd() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as string[])
        : reject(new Error(`pdf-parse exited ${code}: ${Buffer.concat(err).toString('utf8')}`)),
    );
    child.stdin.end(pdf);
  });
}
