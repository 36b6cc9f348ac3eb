/**
 * The BPMN diagram of the sharing request and the code agree: the process is
 * the workflow type, its user tasks are the workflow's steps and the policy
 * document's, each with a non-interrupting deadline timer and a withdrawal,
 * its messages are the workflow's Updates, and its end events its outcomes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadPolicyFile, DEFAULT_POLICY_FILE } from '../../seeds/default-policy';
import {
  GRANT_STATUSES,
  REVOKE_GRANT_UPDATE,
  SHARING_REQUEST_PROCESS,
  SHARING_REQUEST_WORKFLOW,
  SHARING_STEPS,
  WITHDRAW_REQUEST_UPDATE,
} from '../../domain/sharing/sharing-contract';

const ROOT = path.resolve(__dirname, '..', '..');
const xml = fs.readFileSync(path.join(ROOT, 'workflows', 'sharing-request.bpmn'), 'utf8');
const source = fs.readFileSync(path.join(ROOT, 'workflows', 'sharing-request.ts'), 'utf8');

type El = Record<string, string>;
const doc = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && !['definitions', 'process', 'BPMNDiagram', 'BPMNPlane'].includes(name),
}).parse(xml).definitions;
const process = doc.process;
const all = (tag: string): El[] => process[tag] ?? [];
const ids = (tag: string) => all(tag).map((e) => e.id);

it('is the sharingRequest workflow', () => {
  expect(process.id).toBe(SHARING_REQUEST_WORKFLOW);
  expect(source).toContain('export async function sharingRequest(');
});

it("has the workflow's and the policy's steps as its user tasks, and the workflow runs each", () => {
  const steps = Object.values(SHARING_STEPS).sort();
  expect(ids('userTask').sort()).toEqual(steps);
  const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
  expect(Object.keys(policy.processes[SHARING_REQUEST_PROCESS].steps).sort()).toEqual(steps);
  for (const key of Object.keys(SHARING_STEPS)) expect(source).toContain(`tasks!.run(SHARING_STEPS.${key})`);
});

it('gives every user task a non-interrupting deadline timer and an interrupting withdrawal', () => {
  for (const step of ids('userTask')) {
    const attached = all('boundaryEvent').filter((b) => b.attachedToRef === step);
    const timer = attached.find((b) => 'timerEventDefinition' in b);
    const withdrawal = attached.find((b) => 'messageEventDefinition' in b) as unknown as {
      cancelActivity?: string;
      messageEventDefinition: El[];
    };
    expect(timer).toMatchObject({ id: `${step}_deadline`, cancelActivity: 'false' });
    expect(withdrawal.cancelActivity).toBeUndefined();
    expect(withdrawal.messageEventDefinition[0].messageRef).toBe(WITHDRAW_REQUEST_UPDATE);
  }
});

it("names its messages after the workflow's Updates", () => {
  expect((doc.message as El[]).map((m) => m.name).sort()).toEqual(
    [REVOKE_GRANT_UPDATE, WITHDRAW_REQUEST_UPDATE].sort(),
  );
  expect(source).toContain('defineUpdate<SharingRequestResult, [WithdrawInput]>');
  expect(source).toContain('new GrantKeeper('); // registers the revokeGrant Update
});

it('ends in the outcomes the workflow records, and escalations', () => {
  const outcomes = [
    'denied',
    'withdrawn',
    ...GRANT_STATUSES.filter((g) => g !== 'active').map((g) => `grant_${g}`),
    ...Object.values(SHARING_STEPS).map((s) => `${s}_escalated`),
  ];
  expect(ids('endEvent').sort()).toEqual(outcomes.sort());
});

it('is well formed: every flow joins existing elements, every element is drawn', () => {
  const elementIds = new Set(
    Object.entries(process)
      .filter(([, v]) => Array.isArray(v))
      .flatMap(([, v]) => (v as El[]).map((e) => e.id)),
  );
  for (const f of all('sequenceFlow')) {
    expect(elementIds).toContain(f.sourceRef);
    expect(elementIds).toContain(f.targetRef);
  }
  const drawn = new Set([
    ...(doc.BPMNDiagram.BPMNPlane.BPMNShape as El[]).map((s) => s.bpmnElement),
    ...(doc.BPMNDiagram.BPMNPlane.BPMNEdge as El[]).map((s) => s.bpmnElement),
  ]);
  for (const id of elementIds) expect(drawn).toContain(id);
});
