/**
 * Every process diagram reads cleanly as bpmn-js draws it (Debian's Chromium):
 * no label overlaps another label or a shape, and no flow runs through a
 * shape it does not connect. Shapes and flows come from bpmn-js's element
 * registry; a label's box is the text bpmn-js actually drew.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PROCESSES } from '../../processes';

const ROOT = path.resolve(__dirname, '..', '..');
const VIEWER = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Drawn {
  shapes: { id: string; host: string | null; box: Box }[];
  labels: { id: string; owner: string; box: Box }[];
  flows: { id: string; source: string; target: string; points: { x: number; y: number }[] }[];
}

let browser: Browser;
beforeAll(async () => {
  const executablePath = process.env.GOVSHARE_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(
      `Chromium not found at ${executablePath}: run the tests with 'npm test', which provisions it.`,
    );
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => browser?.close());

/** The diagram as bpmn-js draws it. */
async function draw(xml: string): Promise<Drawn> {
  const page = await browser.newPage({ viewport: { width: 1800, height: 1200 } });
  try {
    await page.setContent('<div id="canvas" style="width:1800px;height:1200px"></div>');
    await page.addScriptTag({ path: VIEWER });
    return await page.evaluate(async (source) => {
      type El = {
        id: string;
        type: string;
        x: number;
        y: number;
        width: number;
        height: number;
        waypoints?: { x: number; y: number }[];
        source?: El;
        target?: El;
        host?: El;
        labelTarget?: El;
      };
      const Viewer = (globalThis as unknown as { BpmnJS: new (o: object) => unknown }).BpmnJS;
      const viewer = new Viewer({ container: '#canvas' }) as {
        importXML(xml: string): Promise<unknown>;
        get(name: string): unknown;
      };
      await viewer.importXML(source);
      const registry = viewer.get('elementRegistry') as {
        getAll(): El[];
        getGraphics(el: El): {
          querySelector(s: string): { getBBox(): Box } | null;
        };
      };
      const all = registry.getAll();
      const box = (e: El) => ({ x: e.x, y: e.y, width: e.width, height: e.height });
      return {
        shapes: all
          .filter((e) => !e.waypoints && !e.labelTarget && e.type !== 'bpmn:Process')
          .map((e) => ({ id: e.id, host: e.host?.id ?? null, box: box(e) })),
        labels: all
          .filter((e) => e.labelTarget)
          .map((e) => {
            const text = registry.getGraphics(e).querySelector('text');
            const b = text?.getBBox();
            return {
              id: e.id,
              owner: e.labelTarget!.id,
              box:
                b && b.width > 0 ? { x: e.x + b.x, y: e.y + b.y, width: b.width, height: b.height } : box(e),
            };
          })
          .filter((l) => l.box.width > 0),
        flows: all
          .filter((e) => e.waypoints)
          .map((e) => ({
            id: e.id,
            source: e.source!.id,
            target: e.target!.id,
            points: e.waypoints!.map((p) => ({ x: p.x, y: p.y })),
          })),
      };
    }, xml);
  } finally {
    await page.close();
  }
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether the segment p–q runs through the inside of `b` (its border, 2 px in, excepted). */
function crosses(p: { x: number; y: number }, q: { x: number; y: number }, b: Box): boolean {
  const inner = { x: b.x + 2, y: b.y + 2, width: b.width - 4, height: b.height - 4 };
  const steps = Math.max(1, Math.ceil(Math.hypot(q.x - p.x, q.y - p.y) / 2));
  for (let i = 0; i <= steps; i++) {
    const x = p.x + ((q.x - p.x) * i) / steps;
    const y = p.y + ((q.y - p.y) * i) / steps;
    if (x > inner.x && x < inner.x + inner.width && y > inner.y && y < inner.y + inner.height) return true;
  }
  return false;
}

function problems(d: Drawn): string[] {
  const found: string[] = [];
  const hostOf = new Map(d.shapes.map((s) => [s.id, s.host]));
  d.labels.forEach((a, i) => {
    for (const b of d.labels.slice(i + 1))
      if (overlap(a.box, b.box)) found.push(`label of ${a.owner} overlaps the label of ${b.owner}`);
    for (const s of d.shapes)
      if (s.id !== a.owner && overlap(a.box, s.box)) found.push(`label of ${a.owner} overlaps ${s.id}`);
  });
  for (const f of d.flows) {
    const own = new Set([f.source, f.target, hostOf.get(f.source), hostOf.get(f.target)]);
    for (const s of d.shapes) {
      if (own.has(s.id)) continue;
      if (f.points.slice(1).some((q, i) => crosses(f.points[i], q, s.box)))
        found.push(`flow ${f.id} runs through ${s.id}`);
    }
  }
  return found;
}

describe.each(PROCESSES.map((p) => p.name))('the %s diagram', (process) => {
  it('has no label over another label or a shape, and no flow through a shape it does not connect', async () => {
    const xml = fs.readFileSync(path.join(ROOT, 'workflows', process, 'diagram.bpmn'), 'utf8');
    const drawn = await draw(xml);
    expect(drawn.shapes.length).toBeGreaterThan(3);
    expect(problems(drawn)).toEqual([]);
  });
});
