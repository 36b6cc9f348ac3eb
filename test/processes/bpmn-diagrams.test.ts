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
import { stepPolicy } from '../../domain/policy/policy-document';
import { PROCESSES } from '../../processes';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';
import * as workflows from '../../workflows';

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

describe.each(PROCESSES.map((p) => ({ ...p.diagram, process: p.name, steps: p.steps })))(
  '$process',
  (spec) => {
    const doc = parser.parse(
      fs.readFileSync(path.join(ROOT, 'workflows', spec.process, 'diagram.bpmn'), 'utf8'),
    ).definitions;
    const source = fs.readFileSync(path.join(ROOT, 'workflows', spec.process, 'workflow.ts'), 'utf8');
    const proc = doc.process;
    const all = (tag: string): El[] => proc[tag] ?? [];
    const ids = (tag: string) => all(tag).map((e) => e.id);
    const steps = Object.values(spec.steps);

    it('is the workflow, registered under the process name', () => {
      expect(proc.id).toBe(spec.process);
      const registered = (workflows as Record<string, unknown>)[spec.process] as { name: string } | undefined;
      expect(registered).toBeInstanceOf(Function);
      expect(source).toContain(`export async function ${registered!.name}(`);
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
  },
);
