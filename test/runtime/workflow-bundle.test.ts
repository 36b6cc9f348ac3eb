/**
 * The worker shares the pure modules workflow code imports (runtime/workflow-bundle.ts):
 * every domain module a workflow imports is on the shared list, so no case carries a copy of
 * its own, and nothing on that list reaches workflow state (the workflow API or workflow code).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_DOMAIN_MODULES } from '../../runtime/workflow-bundle';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME = path.join(ROOT, 'runtime');

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? tsFiles(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    );
}

/**
 * The modules a file loads at run time, as written: what it imports and what it re-exports
 * (`export { x } from …`, `export * from …`), but not `import type` or `export type`.
 */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
}

const resolveFrom = (file: string, spec: string) =>
  path.relative(ROOT, path.resolve(path.dirname(file), spec)).replace(/\.ts$/, '');

it('shares every domain module that workflow code imports', () => {
  const shared = new Set(SHARED_DOMAIN_MODULES.map((m) => path.relative(ROOT, path.resolve(RUNTIME, m))));
  const imported = new Set(
    tsFiles(path.join(ROOT, 'workflows')).flatMap((file) =>
      runtimeImports(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => resolveFrom(file, spec))
        .filter((m) => m.startsWith('domain/')),
    ),
  );
  expect([...imported].filter((m) => !shared.has(m)).sort()).toEqual([]);
});

it('shares no module that reaches workflow state, directly or through what it imports', () => {
  const reaching: string[] = [];
  const seen = new Set<string>();
  const visit = (module: string) => {
    if (seen.has(module)) return;
    seen.add(module);
    const file = path.join(ROOT, `${module}.ts`);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) {
        if (spec.startsWith('@temporalio/workflow')) reaching.push(`${module} imports ${spec}`);
        continue;
      }
      const target = resolveFrom(file, spec);
      if (target.startsWith('workflows/')) reaching.push(`${module} imports ${target}`);
      else visit(target);
    }
  };
  for (const m of SHARED_DOMAIN_MODULES) visit(path.relative(ROOT, path.resolve(RUNTIME, m)));
  expect(seen.size).toBeGreaterThanOrEqual(SHARED_DOMAIN_MODULES.length);
  expect(reaching).toEqual([]);
});
