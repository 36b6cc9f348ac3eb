/**
 * Whether every task the processes can open has someone to hold it. A task
 * whose role no active user holds in its department waits in no one's inbox
 * and breaches unseen: each provider department needs a provider reviewer
 * (its reviews, statutory supplies and correction replies), and each
 * city-level role a step names needs at least one holder. The API reports
 * what is missing when it starts, naming the department and the role.
 */
import type { Db } from './connection';
import { stepActors, type PolicyDocument } from '../domain/policy/policy-document';

export interface MissingHolder {
  /** null: a city-level role, held by anyone in any department. */
  department: string | null;
  role: string;
  /** The steps that would wait for it, as process.step. */
  steps: string[];
  /** Why it is needed, e.g. the resources the department provides. */
  because: string;
}

export async function missingTaskHolders(db: Db, policy: PolicyDocument): Promise<MissingHolder[]> {
  const holders = await db('user_roles')
    .join('users', 'users.username', 'user_roles.username')
    .where('users.active', true)
    .select('users.department_code as department', 'user_roles.role as role');
  const held = (role: string, department: string | null) =>
    holders.some((h) => h.role === role && (department === null || h.department === department));

  const providerSteps: string[] = [];
  const cityRoles = new Map<string, string[]>();
  for (const [process, { steps }] of Object.entries(policy.processes)) {
    for (const [name, step] of Object.entries(steps)) {
      for (const actor of stepActors(step)) {
        if (actor.party === 'provider' && actor.role === 'provider_reviewer')
          providerSteps.push(`${process}.${name}`);
        if (!actor.party)
          cityRoles.set(actor.role, [...(cityRoles.get(actor.role) ?? []), `${process}.${name}`]);
      }
    }
  }

  const missing: MissingHolder[] = [];
  const providers = (await db('resources')
    .select('provider_department as department')
    .min({ first_code: 'code' })
    .count({ n: '*' })
    .groupBy('provider_department')
    .orderBy('provider_department')) as unknown as {
    department: string;
    first_code: string;
    n: number | string;
  }[];
  for (const p of providers) {
    if (!held('provider_reviewer', p.department))
      missing.push({
        department: p.department,
        role: 'provider_reviewer',
        steps: providerSteps,
        because: `provides ${Number(p.n)} catalogued resource(s), e.g. ${p.first_code}`,
      });
  }
  for (const [role, steps] of [...cityRoles.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!held(role, null))
      missing.push({ department: null, role, steps, because: 'a city-level step names it' });
  }
  return missing;
}
