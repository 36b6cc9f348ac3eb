/**
 * Ten resources of Panzhihua's departments for the demo, covering the three
 * sharing types (art. 21), the three categories (art. 15), base and business
 * items (art. 19), the three sharing modes (art. 23) and statutory recipients.
 */
import type { Db } from '../db/connection';
import { saveResource } from '../db/catalogue-repository';
import { ResourceInputSchema, type ResourceInput } from '../domain/catalogue/resource';

const base = (...names: string[]) => names.map((name) => ({ name, kind: 'base' as const }));
const business = (...names: string[]) => names.map((name) => ({ name, kind: 'business' as const }));

const SCOPE = { id: 'scope', question: '请说明查询对象的范围和预计数量' };
const DUTY = { id: 'duty', question: '请说明使用该数据所依据的法定职责及文件' };
const SECURITY = { id: 'security', question: '请说明数据使用中的安全保护措施和知悉范围' };

export const DEMO_RESOURCES: ResourceInput[] = [
  {
    code: 'GA-RK-001',
    name: '人口基础信息',
    summary: '全市户籍人口和登记流动人口的身份基础信息,由市公安局按日更新。',
    providerDepartment: 'public-security',
    category: 'basic',
    items: [
      ...base('公民身份号码', '姓名', '性别', '民族', '出生日期', '户籍地址'),
      ...business('户籍变动日期'),
    ],
    shareType: 'unconditional',
    conditions: [],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'api',
    updateCycle: 'daily',
    openToPublic: false,
    classification: 'internal',
    // The population register is built by public security with civil affairs and health (art. 18).
    // Its code in the national catalogue guide's form: 基础(1) 人口(01) 基本信息(001) / sequence.
    nationalCode: '101001/000001',
    format: 'database',
    contributingDepartments: ['civil-affairs', 'health'],
    domains: [],
  },
  {
    code: 'SC-FR-001',
    name: '法人单位基本信息',
    summary: '在本市登记的企业、个体工商户和农民专业合作社的登记信息。',
    providerDepartment: 'market-regulation',
    category: 'basic',
    items: [
      ...base('统一社会信用代码', '单位名称', '法定代表人', '注册地址', '成立日期'),
      ...business('经营范围', '登记状态'),
    ],
    shareType: 'unconditional',
    conditions: [],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'api',
    updateCycle: 'realtime',
    openToPublic: true,
    classification: 'public',
    domains: ['credit'],
  },
  {
    code: 'RS-SB-001',
    name: '社会保险参保信息',
    summary: '职工和城乡居民养老、医疗、失业、工伤保险的参保和缴费信息。',
    providerDepartment: 'hr-social-security',
    category: 'thematic',
    items: [...base('公民身份号码', '姓名'), ...business('参保险种', '参保状态', '缴费基数', '累计缴费月数')],
    shareType: 'conditional',
    conditions: [SCOPE, DUTY, SECURITY],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'api',
    updateCycle: 'monthly',
    openToPublic: false,
    classification: 'internal',
    domains: ['social_security'],
  },
  {
    code: 'RS-JY-001',
    name: '就业失业登记信息',
    summary: '城镇就业、失业登记和就业困难人员认定信息。',
    providerDepartment: 'hr-social-security',
    category: 'thematic',
    items: [...base('公民身份号码', '姓名'), ...business('就业状态', '登记日期', '就业困难人员类别')],
    shareType: 'unconditional',
    conditions: [],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'api',
    updateCycle: 'weekly',
    openToPublic: false,
    classification: 'internal',
    domains: ['employment'],
  },
  {
    code: 'ZR-BDC-001',
    name: '不动产登记信息',
    summary: '不动产权利及抵押登记信息,以比对核验方式共享,只返回核验结果。',
    providerDepartment: 'natural-resources',
    category: 'thematic',
    items: [...base('权利人', '证件号码'), ...business('不动产单元号', '坐落', '权利类型', '抵押状态')],
    shareType: 'conditional',
    conditions: [SCOPE, DUTY],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'verification',
    updateCycle: 'daily',
    openToPublic: false,
    classification: 'internal',
    domains: ['geography'],
  },
  {
    code: 'WJ-YL-001',
    name: '医疗机构执业信息',
    summary: '全市医疗机构的执业许可、诊疗科目和校验信息。',
    providerDepartment: 'health',
    category: 'departmental',
    items: [...base('机构名称', '统一社会信用代码'), ...business('执业许可证号', '诊疗科目', '校验有效期')],
    shareType: 'unconditional',
    conditions: [],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'file',
    updateCycle: 'monthly',
    openToPublic: true,
    classification: 'public',
    domains: ['medical', 'health'],
  },
  {
    code: 'WJ-SW-001',
    name: '居民死亡医学证明信息',
    summary: '医疗机构出具的《居民死亡医学证明(推断)书》信息,属敏感个人信息。',
    providerDepartment: 'health',
    category: 'departmental',
    items: [...base('公民身份号码', '姓名'), ...business('死亡日期', '死亡地点', '根本死因')],
    shareType: 'not_shared',
    conditions: [],
    legalBasis:
      '《中华人民共和国个人信息保护法》第二十八条(敏感个人信息);户籍注销和殡葬管理依法由公安、民政部门使用',
    statutoryRecipients: ['public-security', 'civil-affairs'],
    mode: 'api',
    updateCycle: 'daily',
    openToPublic: false,
    classification: 'internal',
    domains: ['health'],
  },
  {
    code: 'GA-XZ-001',
    name: '刑事案件侦查信息',
    summary: '刑事案件立案、侦查过程中形成的案件信息。',
    providerDepartment: 'public-security',
    category: 'departmental',
    items: [...business('案件编号', '案件类别', '立案日期', '办案单位')],
    shareType: 'not_shared',
    conditions: [],
    // Case records under investigation are kept within the investigating organs by law; they are
    // not classified 秘密 as a resource (an entry that is would be refused, art. 2).
    legalBasis: '《中华人民共和国刑事诉讼法》第一百五十二条(侦查工作秘密,依法仅限办案机关知悉)',
    statutoryRecipients: [],
    mode: 'api',
    updateCycle: 'realtime',
    openToPublic: false,
    classification: 'internal',
    domains: [],
  },
  {
    code: 'MZ-DB-001',
    name: '最低生活保障对象信息',
    summary: '城乡最低生活保障、特困人员救助供养对象及其保障金发放信息。',
    providerDepartment: 'civil-affairs',
    category: 'thematic',
    items: [...base('公民身份号码', '姓名'), ...business('保障类别', '保障起始日期', '月保障金额')],
    shareType: 'conditional',
    conditions: [SCOPE, DUTY],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'api',
    updateCycle: 'monthly',
    openToPublic: false,
    classification: 'internal',
    domains: [],
  },
  {
    code: 'MZ-HY-001',
    name: '婚姻登记信息',
    summary: '结婚、离婚登记信息,以比对核验方式共享。',
    providerDepartment: 'civil-affairs',
    category: 'basic',
    items: [...base('男方公民身份号码', '女方公民身份号码'), ...business('登记类型', '登记日期', '登记机关')],
    shareType: 'conditional',
    conditions: [DUTY],
    legalBasis: null,
    statutoryRecipients: [],
    mode: 'verification',
    updateCycle: 'daily',
    openToPublic: false,
    classification: 'internal',
    domains: [],
  },
].map((r) => ResourceInputSchema.parse(r));

export async function seedDemoCatalogue(db: Db): Promise<void> {
  const existing = new Set((await db('resources').select('code')).map((r: { code: string }) => r.code));
  for (const r of DEMO_RESOURCES) {
    if (!existing.has(r.code)) await saveResource(db, r, 'seed');
  }
}
