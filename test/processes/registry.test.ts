/**
 * The registry is the one list of processes: each has one name used
 * everywhere, its own id prefix, table and activities; the worker's bundle
 * exports exactly the registered workflows (under their names and the types
 * their older cases run under); the policy document has a section for each.
 */
import { createActivities } from '../../activities';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';
import { PROCESSES } from '../../processes';
import * as workflows from '../../workflows';
import { PLATFORM_WORKFLOWS } from '../../workflows/platform-workflows';

it('gives each process a name, id prefix and table of its own', () => {
  for (const key of ['name', 'caseIdPrefix', 'table'] as const)
    expect(new Set(PROCESSES.map((p) => p[key])).size).toBe(PROCESSES.length);
  for (const p of PROCESSES) expect(p.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
});

it("exports exactly the registered workflows from the worker's bundle: each name, each legacy type, and the platform's own", () => {
  const exported = Object.entries(workflows as Record<string, unknown>);
  const expected = [
    ...PROCESSES.flatMap((p) => [p.name, ...p.legacyWorkflowTypes]),
    ...PLATFORM_WORKFLOWS,
  ].sort();
  expect(exported.map(([name]) => name).sort()).toEqual(expected);
  for (const p of PROCESSES) {
    const fn = (workflows as Record<string, unknown>)[p.name];
    for (const legacy of p.legacyWorkflowTypes)
      expect((workflows as Record<string, unknown>)[legacy]).toBe(fn);
  }
});

it('registers every process activity once, beside the shared ones', () => {
  expect(() => createActivities({} as never)).not.toThrow();
  const all = Object.keys(createActivities({} as never));
  for (const p of PROCESSES)
    for (const name of Object.keys(p.activities?.({} as never) ?? {})) expect(all).toContain(name);
});

it("has each process's steps and statuses in the policy document and its contract", () => {
  const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
  for (const p of PROCESSES) {
    const section = policy.processes[p.name];
    expect(section).toBeDefined();
    for (const step of Object.values(p.steps)) expect(Object.keys(section.steps)).toContain(step);
    expect(p.statuses.length).toBeGreaterThan(0);
  }
});
