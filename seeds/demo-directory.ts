/**
 * The demo directory of Panzhihua: the city's departments, its five counties and
 * districts, and at least one demo user for every role. Idempotent.
 */
import type { Db } from '../db/connection';
import type { Role } from '../domain/roles';

export const DEMO_DEPARTMENTS = [
  {
    code: 'city-gov-office',
    name: '市政府办公室',
    name_en: 'City Government Office',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'econ-info',
    name: '市经济和信息化局',
    name_en: 'Economy and Information Technology Bureau (Leading Group Office)',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'public-security',
    name: '市公安局',
    name_en: 'Public Security Bureau',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'market-regulation',
    name: '市市场监督管理局',
    name_en: 'Market Regulation Administration',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'hr-social-security',
    name: '市人力资源和社会保障局',
    name_en: 'Human Resources and Social Security Bureau',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'natural-resources',
    name: '市自然资源和规划局',
    name_en: 'Natural Resources and Planning Bureau',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'health',
    name: '市卫生健康委员会',
    name_en: 'Health Commission',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'civil-affairs',
    name: '市民政局',
    name_en: 'Civil Affairs Bureau',
    kind: 'city_department',
    parent_code: null,
  },
  {
    code: 'cyberspace',
    name: '市委网信办',
    name_en: 'Cyberspace Affairs Office (information-security authority)',
    kind: 'city_department',
    parent_code: null,
  },
  { code: 'dongqu', name: '东区', name_en: 'Dong District', kind: 'county', parent_code: null },
  { code: 'xiqu', name: '西区', name_en: 'Xi District', kind: 'county', parent_code: null },
  { code: 'renhe', name: '仁和区', name_en: 'Renhe District', kind: 'county', parent_code: null },
  { code: 'miyi', name: '米易县', name_en: 'Miyi County', kind: 'county', parent_code: null },
  { code: 'yanbian', name: '盐边县', name_en: 'Yanbian County', kind: 'county', parent_code: null },
  {
    // A county's own department, kept by the county administrator (art. 8).
    code: 'renhe-civil-affairs',
    name: '仁和区民政局',
    name_en: 'Renhe District Civil Affairs Bureau',
    kind: 'county_department',
    parent_code: 'renhe',
  },
] as const;

export const DEMO_USERS: {
  username: string;
  display_name: string;
  department_code: string;
  roles: Role[];
}[] = [
  { username: 'zhangwei', display_name: '张伟', department_code: 'civil-affairs', roles: ['requester'] },
  { username: 'liuyan', display_name: '刘燕', department_code: 'hr-social-security', roles: ['requester'] },
  {
    username: 'lina',
    display_name: '李娜',
    department_code: 'public-security',
    roles: ['provider_reviewer'],
  },
  { username: 'wangfang', display_name: '王芳', department_code: 'public-security', roles: ['data_steward'] },
  {
    username: 'zhaoqiang',
    display_name: '赵强',
    department_code: 'hr-social-security',
    roles: ['provider_reviewer', 'data_steward'],
  },
  {
    // A second reviewer in the same bureau: two people can see one task; the first decision wins.
    username: 'majun',
    display_name: '马骏',
    department_code: 'hr-social-security',
    roles: ['provider_reviewer'],
  },
  {
    username: 'sunhui',
    display_name: '孙慧',
    department_code: 'natural-resources',
    roles: ['provider_reviewer', 'data_steward'],
  },
  {
    // Health provides death records that the law entitles civil affairs and public security to (art. 21).
    username: 'huangmin',
    display_name: '黄敏',
    department_code: 'health',
    roles: ['provider_reviewer', 'data_steward'],
  },
  {
    // Civil affairs provides the conditional subsistence-allowance and marriage records.
    username: 'yangfan',
    display_name: '杨帆',
    department_code: 'civil-affairs',
    roles: ['provider_reviewer', 'data_steward'],
  },
  {
    // Market regulation provides the legal-person base records; corrections to them need a reviewer.
    username: 'qianli',
    display_name: '钱丽',
    department_code: 'market-regulation',
    roles: ['provider_reviewer', 'data_steward'],
  },
  {
    username: 'chenjing',
    display_name: '陈静',
    department_code: 'city-gov-office',
    roles: ['platform_approver'],
  },
  { username: 'zhoujie', display_name: '周杰', department_code: 'econ-info', roles: ['lg_office'] },
  { username: 'wuming', display_name: '吴明', department_code: 'city-gov-office', roles: ['leading_group'] },
  { username: 'zhengli', display_name: '郑丽', department_code: 'city-gov-office', roles: ['supervisor'] },
  {
    username: 'hegang',
    display_name: '何刚',
    department_code: 'renhe',
    roles: ['county_admin', 'requester'],
  },
  {
    // A second county: a county sees its own cases, not another county's.
    username: 'tanglei',
    display_name: '唐磊',
    department_code: 'miyi',
    roles: ['county_admin', 'requester'],
  },
  { username: 'luoyi', display_name: '罗毅', department_code: 'cyberspace', roles: ['security_authority'] },
  { username: 'xuhong', display_name: '徐红', department_code: 'city-gov-office', roles: ['auditor'] },
  { username: 'admin', display_name: '系统管理员', department_code: 'econ-info', roles: ['admin'] },
  // A second reviewer where the data steward also reviews: a catalogue draft is reviewed by a
  // colleague, never by its author (art. 9).
  {
    username: 'dengyu',
    display_name: '邓宇',
    department_code: 'natural-resources',
    roles: ['provider_reviewer'],
  },
  { username: 'fengtao', display_name: '冯涛', department_code: 'health', roles: ['provider_reviewer'] },
  {
    username: 'xiaoling',
    display_name: '肖玲',
    department_code: 'civil-affairs',
    roles: ['provider_reviewer'],
  },
  {
    username: 'caiwei',
    display_name: '蔡伟',
    department_code: 'market-regulation',
    roles: ['provider_reviewer'],
  },
];

export async function seedDemoDirectory(db: Db): Promise<void> {
  const now = Date.now();
  await db('departments')
    .insert(DEMO_DEPARTMENTS.map((d) => ({ ...d, created_at_ms: now })))
    .onConflict('code')
    .ignore();
  await db('users')
    .insert(
      DEMO_USERS.map(({ roles: _roles, ...u }) => ({
        ...u,
        // A reserved domain (RFC 2606): the demo's mail goes nowhere real.
        email: `${u.username}@demo.govshare.example`,
        active: true,
        source: 'demo',
        created_at_ms: now,
      })),
    )
    .onConflict('username')
    .ignore();
  await db('user_roles')
    .insert(DEMO_USERS.flatMap((u) => u.roles.map((role) => ({ username: u.username, role }))))
    .onConflict(['username', 'role'])
    .ignore();
}
