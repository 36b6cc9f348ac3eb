/** The roles of the platform (docs/architecture.md, README "Demo users"). Every user belongs to one department. */
export const ROLES = [
  'requester',
  'provider_reviewer',
  'data_steward',
  'platform_approver',
  'lg_office',
  'leading_group',
  'supervisor',
  'county_admin',
  'security_authority',
  'auditor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** City-level roles act for the whole city; every other role acts only for its own department. */
export const CITY_ROLES: ReadonlySet<Role> = new Set<Role>([
  'platform_approver',
  'lg_office',
  'leading_group',
  'supervisor',
  'security_authority',
  'auditor',
  'admin',
]);

/** Who may approve alike tasks in one go (the inbox's bulk approval): the roles that approve sharing requests (art. 23). */
export const BULK_DECIDERS = ['provider_reviewer', 'platform_approver'] as const satisfies readonly Role[];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  requester: { zh: '使用部门经办人', en: 'Requester' },
  provider_reviewer: { zh: '提供部门审核人', en: 'Provider reviewer' },
  data_steward: { zh: '目录管理员', en: 'Data steward' },
  platform_approver: { zh: '共享平台主管部门审批人', en: 'Platform approver' },
  lg_office: { zh: '领导小组办公室', en: 'Leading group office' },
  leading_group: { zh: '领导小组', en: 'Leading group' },
  supervisor: { zh: '市政府办公室', en: 'Supervisor' },
  county_admin: { zh: '县(区)管理员', en: 'County administrator' },
  security_authority: { zh: '信息安全主管部门', en: 'Information-security authority' },
  auditor: { zh: '审计员', en: 'Auditor' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export interface Actor {
  username: string;
  department: string;
  roles: Role[];
}

/** A candidate group: who may act on a task. `department` null means a city-level role. */
export interface CandidateGroup {
  role: Role;
  department: string | null;
}

export function actorMatches(actor: Actor, group: CandidateGroup): boolean {
  if (!actor.roles.includes(group.role)) return false;
  return group.department === null || group.department === actor.department;
}
