/**
 * Each process's BPMN diagram and its code agree: the process is the
 * workflow type; its user tasks are the workflow's steps, which are the policy
 * document's and which the workflow runs; each has its deadline timer
 * (non-interrupting unless the stage moves on at its deadline) and, where the
 * policy has an escalation chain, an escalation; its messages are the
 * workflow's Updates and signals, attached where the code takes them; its end
 * events include the outcomes the workflow records. A diagram that drifts
 * from the code fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import {
  CORRECTION_PROCESS,
  CORRECTION_STEPS,
  CORRECTION_WORKFLOW,
} from '../../domain/correction/correction-contract';
import { DISPUTE_PROCESS, DISPUTE_STEPS, DISPUTE_WORKFLOW } from '../../domain/dispute/dispute-contract';
import { stepPolicy } from '../../domain/policy/policy-document';
import {
  CATALOGUE_CHANGED_SIGNAL,
  CATALOGUE_UPDATE_PROCESS,
  CATALOGUE_UPDATE_STEPS,
  CATALOGUE_UPDATE_WORKFLOW,
} from '../../domain/reform/reform-contract';
import {
  REVOKE_GRANT_UPDATE,
  SHARING_REQUEST_PROCESS,
  SHARING_REQUEST_WORKFLOW,
  SHARING_STEPS,
  WITHDRAW_REQUEST_UPDATE,
} from '../../domain/sharing/sharing-contract';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';

interface Spec {
  file: string;
  workflow: string;
  process: string;
  steps: Record<string, string>;
  /** Policy steps that are deadlines but not tasks (e.g. the consumer's filing window). */
  policyOnly: string[];
  /** Stages that end at their deadline (interrupting timer). */
  interrupting: string[];
  /** Messages, and the user tasks each is attached to (empty: caught elsewhere). */
  messages: Record<string, string[]>;
  outcomes: string[];
}

const SPECS: Spec[] = [
  {
    file: 'sharing-request',
    workflow: SHARING_REQUEST_WORKFLOW,
    process: SHARING_REQUEST_PROCESS,
    steps: SHARING_STEPS,
    policyOnly: [],
    interrupting: [],
    messages: {
      [WITHDRAW_REQUEST_UPDATE]: Object.values(SHARING_STEPS),
      [REVOKE_GRANT_UPDATE]: [],
    },
    outcomes: ['denied', 'withdrawn', 'grant_expired', 'grant_revoked'],
  },
  {
    file: 'correction-feedback',
    workflow: CORRECTION_WORKFLOW,
    process: CORRECTION_PROCESS,
    steps: CORRECTION_STEPS,
    policyOnly: ['filing'],
    interrupting: [],
    messages: {},
    outcomes: ['accepted', 'resolved', 'upheld'],
  },
  {
    file: 'dispute-case',
    workflow: DISPUTE_WORKFLOW,
    process: DISPUTE_PROCESS,
    steps: DISPUTE_STEPS,
    policyOnly: [],
    interrupting: [DISPUTE_STEPS.negotiation, DISPUTE_STEPS.coordination],
    messages: { [REVOKE_GRANT_UPDATE]: [] },
    outcomes: ['resolved', 'ruled', 'grant_expired', 'grant_revoked'],
  },
  {
    file: 'catalogue-update',
    workflow: CATALOGUE_UPDATE_WORKFLOW,
    process: CATALOGUE_UPDATE_PROCESS,
    steps: CATALOGUE_UPDATE_STEPS,
    policyOnly: [],
    interrupting: [],
    messages: {
      [CATALOGUE_CHANGED_SIGNAL]: [CATALOGUE_UPDATE_STEPS.update, CATALOGUE_UPDATE_STEPS.rectification],
    },
    outcomes: ['met'],
  },
];

const ROOT = path.resolve(__dirname, '..', '..');
const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
type El = Record<string, unknown> & { id: string };
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && !['definitions', 'process', 'BPMNDiagram', 'BPMNPlane'].includes(name),
});

describe.each(SPECS)('$file.bpmn', (spec) => {
  const doc = parser.parse(
    fs.readFileSync(path.join(ROOT, 'workflows', `${spec.file}.bpmn`), 'utf8'),
  ).definitions;
  const source = fs.readFileSync(path.join(ROOT, 'workflows', `${spec.file}.ts`), 'utf8');
  const proc = doc.process;
  const all = (tag: string): El[] => proc[tag] ?? [];
  const ids = (tag: string) => all(tag).map((e) => e.id);
  const steps = Object.values(spec.steps);

  it('is the workflow', () => {
    expect(proc.id).toBe(spec.workflow);
    expect(source).toContain(`export async function ${spec.workflow}(`);
  });

  it("has the workflow's steps as user tasks: the policy's steps, each run by the code", () => {
    expect(ids('userTask').sort()).toEqual([...steps].sort());
    expect(Object.keys(policy.processes[spec.process].steps).sort()).toEqual(
      [...steps, ...spec.policyOnly].sort(),
    );
    for (const key of Object.keys(spec.steps)) expect(source).toMatch(new RegExp(`STEPS\\.${key}\\b`));
  });

  it('gives each user task its deadline timer, and an escalation where the policy has a chain', () => {
    for (const step of steps) {
      const timer = all('boundaryEvent').find((b) => b.id === `${step}_deadline`);
      expect(timer).toMatchObject({ attachedToRef: step });
      expect(timer).toHaveProperty('timerEventDefinition');
      expect(timer?.cancelActivity).toBe(spec.interrupting.includes(step) ? undefined : 'false');
      const escalate = all('intermediateThrowEvent').find((e) => e.id === `${step}_escalate`);
      if (stepPolicy(policy, spec.process, step).escalation.length > 0) {
        expect(escalate).toHaveProperty('escalationEventDefinition');
        expect(all('sequenceFlow')).toContainEqual(
          expect.objectContaining({ sourceRef: `${step}_deadline`, targetRef: `${step}_escalate` }),
        );
      } else {
        expect(escalate).toBeUndefined();
      }
    }
  });

  it("names its messages after the workflow's Updates and signals, attached where the code takes them", () => {
    expect(((doc.message ?? []) as El[]).map((m) => m.name).sort()).toEqual(
      Object.keys(spec.messages).sort(),
    );
    for (const [message, attachedTo] of Object.entries(spec.messages)) {
      const boundaries = all('boundaryEvent').filter(
        (b) =>
          ((b.messageEventDefinition as El[] | undefined)?.[0] as { messageRef?: string })?.messageRef ===
          message,
      );
      expect(boundaries.map((b) => b.attachedToRef).sort()).toEqual([...attachedTo].sort());
    }
  });

  it('ends in the outcomes the workflow records', () => {
    const ends = ids('endEvent');
    expect(ends).toEqual(expect.arrayContaining(spec.outcomes));
    for (const end of ends)
      expect(spec.outcomes.includes(end) || /_(escalated|overdue|recorded)$/.test(end)).toBe(true);
  });

  it('is well formed: every flow joins existing elements, every element is drawn', () => {
    const elementIds = new Set(
      Object.values(proc)
        .filter((v) => Array.isArray(v))
        .flatMap((v) => (v as El[]).map((e) => e.id)),
    );
    for (const f of all('sequenceFlow')) {
      expect(elementIds).toContain(f.sourceRef);
      expect(elementIds).toContain(f.targetRef);
    }
    const plane = doc.BPMNDiagram.BPMNPlane;
    const drawn = new Set([...plane.BPMNShape, ...plane.BPMNEdge].map((s: El) => s.bpmnElement));
    for (const id of elementIds) expect(drawn).toContain(id);
  });
});
