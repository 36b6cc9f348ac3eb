/**
 * What the API's errors say, in the user's language. The API answers with a
 * stable code (and, for a refusal with more than one cause, a `reason` key in
 * `params`) and the values the message names; its English `message` is for
 * logs and API users. A field's problem is said from its zod code and bounds.
 * test/web/error-messages.test.ts checks every code the API can answer with
 * has both languages here.
 */
import type { Lang } from './messages';

type Text = { zh: string; en: string };

/** By the API's error code. `{name}` stands for params.name. */
export const ERROR_MESSAGES: Record<string, Text> = {
  assessment_exists: { zh: '本年度的风险评估已登记', en: "This year's assessment is already recorded" },
  bad_request: { zh: '请求有误', en: 'The request is not valid' },
  body_too_large: { zh: '提交的内容过大', en: 'What was sent is too large' },
  case_closed: { zh: '该案件已办结,不能再更改', en: 'This case is closed; nothing can change it any more' },
  classified_resource: {
    zh: '涉密(秘密级及以上)信息不在共享平台登记和共享(第二条)',
    en: 'Information classified 秘密 or above is not registered or shared on the platform (art. 2)',
  },
  correction_not_found: { zh: '找不到该纠错单', en: 'No such correction' },
  database_unavailable: {
    zh: '数据库暂时无法访问,未做任何更改,请稍后重试',
    en: 'The database is unreachable; nothing was changed. Try again shortly',
  },
  department_not_found: { zh: '找不到该部门', en: 'No such department' },
  department_exists: { zh: '部门编码{code}已存在', en: 'Department {code} already exists' },
  department_in_use: {
    zh: '该部门还有{users}名在用用户和{departments}个下属部门,请先调整后再停用',
    en: 'It still has {users} active users and {departments} departments under it; move them first',
  },
  user_exists: { zh: '用户名{username}已存在', en: 'User {username} already exists' },
  user_not_found: { zh: '找不到该用户', en: 'No such user' },
  user_inactive: { zh: '该账号已停用,请联系管理员', en: 'This account is deactivated; ask an administrator' },
  not_provisioned: {
    zh: '您还没有开通本平台账号,请联系下列管理员',
    en: 'You have no account on the platform yet; ask one of the administrators below',
  },
  outside_county: {
    zh: '县(区)管理员只能管理本县(区)的部门和用户',
    en: "A county administrator keeps only their own county's departments and users",
  },
  city_role: {
    zh: '市级角色由市级系统管理员授予',
    en: "City-level roles are given by the city's administrator",
  },
  last_admin: {
    zh: '须至少保留一名在用的系统管理员',
    en: 'At least one active administrator must remain',
  },
  invalid_department: { zh: '部门信息有误,请按提示修改', en: 'The department is not valid; see the fields' },
  invalid_user: { zh: '用户信息有误,请按提示修改', en: 'The user is not valid; see the fields' },
  invalid_directory_workbook: {
    zh: '表格中有错误,未导入任何内容,请按提示修改后重新导入',
    en: 'The workbook has errors; nothing was imported. Correct them and import again',
  },
  invalid_catalogue_workbook: {
    zh: '目录表格中有错误,未导入任何内容,请按提示修改后重新导入',
    en: 'The catalogue workbook has errors; nothing was imported. Correct them and import again',
  },
  dispute_not_found: { zh: '找不到该异议', en: 'No such dispute' },
  dispute_pending: {
    zh: '异议已提出,尚在登记,请稍后刷新',
    en: 'The dispute was filed and is being recorded; read it again shortly',
  },
  exchange_not_found: { zh: '找不到该交换记录', en: 'No such exchange' },
  forbidden: { zh: '您无权进行此操作', en: 'You may not do this' },
  grant_ended: { zh: '该授权已终止', en: 'This grant has ended' },
  grant_not_found: { zh: '找不到该授权', en: 'No such grant' },
  grant_not_started: { zh: '该授权尚未到使用起始日', en: 'This grant has not started yet' },
  idempotency_key_reused: {
    zh: '同一提交编号已用于另一份内容,请刷新页面后重新提交',
    en: 'This submission key was used for something else; reload the page and submit again',
  },
  incident_not_found: { zh: '找不到该安全事件', en: 'No such incident' },
  internal_error: {
    zh: '系统出现错误,已记录,请稍后重试',
    en: 'Something went wrong on our side; it has been logged',
  },
  invalid_agreement: { zh: '协议信息有误,请按提示修改', en: 'The agreement is not valid; see the fields' },
  invalid_assessment: { zh: '评估信息有误,请按提示修改', en: 'The assessment is not valid; see the fields' },
  invalid_calendar: { zh: '日历数据有误', en: 'The calendar is not valid' },
  invalid_correction: { zh: '纠错内容有误,请按提示修改', en: 'The correction is not valid; see the fields' },
  invalid_decision: { zh: '该决定不能办理', en: 'This decision cannot be taken' },
  invalid_encoding: { zh: '内容含有无法识别的字符', en: 'The text holds characters that cannot be read' },
  invalid_incident: { zh: '事件信息有误,请按提示修改', en: 'The incident is not valid; see the fields' },
  invalid_input: { zh: '填写有误,请按提示修改', en: 'Some fields are not valid; see the fields' },
  invalid_json: { zh: '提交的内容格式有误', en: 'What was sent is not valid JSON' },
  invalid_reform: { zh: '改革登记信息有误,请按提示修改', en: 'The reform is not valid; see the fields' },
  case_not_found: { zh: '找不到该案件', en: 'No such case' },
  attachment_not_found: { zh: '找不到该附件', en: 'No such attachment' },
  attachment_store_unavailable: {
    zh: '附件存储暂时无法访问,请稍后再试',
    en: 'The file store cannot be reached; try again later',
  },
  file_too_large: { zh: '文件太大', en: 'The file is too large' },
  file_type_not_allowed: {
    zh: '只能上传以下类型的文件:{allowed}',
    en: 'Only these types may be attached: {allowed}',
  },
  file_content_mismatch: {
    zh: '文件内容与文件类型不符,请检查后重新上传',
    en: "The file's content is not what its name says",
  },
  delegation_not_found: { zh: '找不到您的这项代理委托', en: 'No such delegation of yours' },
  delegation_overlaps: {
    zh: '该期间内您已把这一角色委托给他人({from}至{until}):请先撤销',
    en: 'You already hand this role to someone from {from} to {until}: revoke that first',
  },
  delegation_revoked: { zh: '该委托已撤销', en: 'That delegation is already revoked' },
  invalid_delegation: { zh: '委托内容有误,请按提示修改', en: 'The delegation is not valid; see the fields' },
  invalid_bulk: {
    zh: '批量审批只能选同一环节的任务',
    en: 'Decide tasks of one step at a time',
  },
  invalid_request: { zh: '申请内容有误,请按提示修改', en: 'The request is not valid; see the fields' },
  invalid_resource: {
    zh: '目录信息有误,请按提示修改',
    en: 'The catalogue entry is not valid; see the fields',
  },
  invalid_token: { zh: '登录已失效,请重新登录', en: 'Your sign-in has expired; sign in again' },
  items_not_granted: { zh: '所选数据项不在授权范围内', en: 'Some items are not granted' },
  no_grant: { zh: '贵单位没有该资源的授权', en: 'Your department holds no grant of this resource' },
  no_policy_in_force: {
    zh: '当前没有有效的共享管理办法,暂不能办理',
    en: 'No sharing measures are in force; nothing can be filed',
  },
  not_disputable: { zh: '该事项目前不能提出异议', en: 'This cannot be disputed now' },
  not_found: { zh: '找不到所请求的内容', en: 'Not found' },
  reform_not_found: { zh: '找不到该机构改革', en: 'No such reform' },
  request_not_found: { zh: '找不到该共享申请', en: 'No such sharing request' },
  resource_exists: {
    zh: '该资源编码或名称已在目录中',
    en: 'A resource with this code or name is already listed',
  },
  resource_not_found: { zh: '找不到该资源', en: 'No such resource' },
  draft_not_found: { zh: '找不到该目录草稿', en: 'No such catalogue draft' },
  invalid_data_update: { zh: '数据更新信息有误', en: 'The data update is not valid' },
  draft_not_returned: {
    zh: '只有被退回修改的草稿才能修改',
    en: 'Only a draft returned for revision can be changed',
  },
  obligation_not_found: {
    zh: '该改革未对此部门设定目录更新义务',
    en: 'The reform sets no obligation on this department',
  },
  entry_in_draft: {
    zh: '该资源已在另一份审核中的草稿里,请修改那份草稿或等其发布、撤回',
    en: 'This entry is already in another draft under way; revise that draft, or wait until it is published or withdrawn',
  },
  nothing_to_review: {
    zh: '草稿中的目录与已发布的完全相同,无需审核',
    en: 'Every entry is exactly as published: there is nothing to review',
  },
  task_claimed: { zh: '该任务已被他人认领', en: 'Someone else has claimed this task' },
  task_closed: { zh: '该任务已办结或已取消', en: 'This task is done or cancelled' },
  not_claimed_by_you: {
    zh: '该任务不是您认领的,不能释放',
    en: 'You have not claimed this task, so you cannot release it',
  },
  task_not_found: { zh: '找不到该任务', en: 'No such task' },
  task_shared: {
    zh: '该任务由双方共同办理,不能认领',
    en: 'Both departments hold this task; it cannot be claimed',
  },
  temporal_unavailable: {
    zh: '流程服务暂时无法访问,请稍后重试(重复提交不会重复登记)',
    en: 'The workflow service is unreachable; try again shortly (sending again never files twice)',
  },
  too_many_sign_ins: { zh: '登录尝试过多,请稍后再试', en: 'Too many sign-in attempts; try again later' },
  unauthenticated: { zh: '请先登录', en: 'Sign in first' },
  unknown_user: {
    zh: '该用户不在目录中,请联系本单位管理员',
    en: 'You are not in the directory; ask your administrator',
  },
  unsupported_media_type: { zh: '不支持该内容类型', en: 'This content type is not supported' },
};

/** A refusal's cause (params.reason), more precise than its code. */
export const REASON_MESSAGES: Record<string, Text> = {
  no_such_task: { zh: '本案件中没有该任务', en: 'This case has no such task' },
  task_cancelled: { zh: '该任务已取消', en: 'This task was cancelled' },
  task_done: { zh: '该任务已由他人办结', en: 'Someone has already completed this task' },
  not_holder: { zh: '该任务不由您办理', en: 'This task is not yours to complete' },
  decision_not_offered: { zh: '该环节不能作出此决定', en: 'This step does not offer that decision' },
  reason_required: { zh: '请填写意见/理由', en: 'Give a reason' },
  nothing_proposed: {
    zh: '对方尚未提出协商方案:请先提出方案',
    en: 'Nothing has been proposed yet: propose a resolution first',
  },
  own_proposal: { zh: '协商方案须由对方部门接受', en: 'The other department must accept your proposal' },
  self_review: {
    zh: '起草人不能审核自己的草稿,请由本部门其他审核人或目录管理员审核',
    en: "The draft's author cannot review it; another reviewer or data steward of the department does",
  },
  already_decided: { zh: '资源{code}已作出决定', en: 'Resource {code} already has its decision' },
  decide_each_resource: {
    zh: '请对本部门所列每项资源作出决定(保留、移交、停用,或发布其更新),全部决定后自动办结;或选择“无需更新”并说明理由',
    en: "Decide on each of your department's listed resources (keep, transfer, retire, or publish its update): the obligation is then met; or declare no change with a reason",
  },
  decisions_not_listed: {
    zh: '此义务早于逐项决定,任一资源的更新即可履行',
    en: 'This obligation predates per-resource decisions: any change to the catalogue meets it',
  },
  not_listed: {
    zh: '资源{code}不在此义务所列资源中',
    en: 'Resource {code} is not listed by this obligation',
  },
  not_steward: {
    zh: '只有本部门的数据管理员才能对其资源作出决定',
    en: "Only the department's data steward decides on its resources",
  },
  obligation_met: { zh: '目录更新义务已履行', en: 'The obligation is already met' },
  successor_required: {
    zh: '移交须指定承接部门',
    en: 'A transfer names the department that takes the resource over',
  },
  update_the_catalogue: {
    zh: '请在资源目录中修改本部门的资源(修改后自动办结),或选择“无需更新”并说明理由',
    en: "Change one of your department's resources in the catalogue (that meets the obligation), or declare no change with a reason",
  },
  period_out_of_bounds: {
    zh: '整改期限须在{min}至{max}个工作日之间,或不晚于{latestDays}天后的日期',
    en: 'The period must be {min} to {max} working days, or a date at most {latestDays} days away',
  },
  not_requester: {
    zh: '只有申请部门的经办人可以撤回',
    en: 'Only a requester of the requesting department may withdraw it',
  },
  already_closed: { zh: '该申请已办结或正在撤回', en: 'The request is already decided or being withdrawn' },
  no_review_open: {
    zh: '该申请正在分派或刚刚作出决定,只能在审核期间撤回',
    en: 'The request is being routed or was just decided; it can be withdrawn only while under review',
  },
  not_provider: {
    zh: '只有提供部门或共享平台主管部门可以撤销授权',
    en: 'Only the provider or the platform authority may revoke',
  },
  made_by_ruling: {
    zh: '该授权由领导小组裁定({dispute})作出,只能由新的裁定终止(第二十五条)',
    en: "The leading group's ruling ({dispute}) made this grant; only a new ruling can end it (art. 25)",
  },
  grant_not_active: { zh: '该授权已不在有效期内', en: 'This grant is no longer active' },
};

/** A rule a field breaks (the problem's code), in the words of the measures and the catalogue. */
export const RULE_MESSAGES: Record<string, Text> = {
  own_resource: { zh: '本部门提供的资源无需申请', en: 'Your own department provides this resource' },
  not_an_item: { zh: '“{item}”不是该资源的数据项', en: '"{item}" is not a data item of this resource' },
  listed_twice: { zh: '“{item}”重复', en: '"{item}" is listed twice' },
  answer_required: { zh: '请答复此共享条件', en: 'Answer this condition' },
  unknown_condition: { zh: '该资源没有此共享条件', en: 'The resource has no such condition' },
  statutory_basis_required: {
    zh: '法律规定贵单位为该资源的共享对象:请写明所依据的法律条款(第二十一条)',
    en: 'The law names your department as a recipient: cite the provision that entitles it (art. 21)',
  },
  before_today: { zh: '起始日期不能早于今天({today})', en: 'Must be today ({today}) or later' },
  end_before_start: { zh: '截止日期不能早于起始日期', en: 'Must be on or after the start' },
  period_too_long: {
    zh: '使用期限最长{years}年(平台默认)',
    en: 'A usage period may last at most {years} years (platform default)',
  },
  not_in_catalogue: { zh: '目录中没有该资源', en: 'No such resource in the catalogue' },
  in_future: { zh: '不能晚于现在', en: 'Cannot be in the future' },
  unknown_subject: { zh: '找不到该事项', en: 'No such case' },
  code_mismatch: { zh: '资源编码须为{code}', en: 'Must be {code}' },
  base_items_shared: {
    zh: '基础资源的基础信息项无条件共享(第十九条),列有基础信息项时不能设为不予共享',
    en: "A basic resource's base items are shared unconditionally (art. 19): it cannot be not shared",
  },
  range_reversed: { zh: '开始日期须不晚于结束日期', en: 'Must be on or before the end' },
  before_signed: { zh: '到期日不能早于签订日', en: 'Must be on or after the signing date' },
  expired: { zh: '已过期:请登记有效的协议', en: 'Has passed: record agreements in force' },
  not_your_role: { zh: '您没有这一角色', en: 'Is not a role of yours' },
  not_yourself: { zh: '请选择其他同事', en: 'Must be someone else' },
  unknown_user: { zh: '找不到该用户', en: 'No such user' },
  not_colleague: {
    zh: '须为本部门具有同一角色的同事',
    en: 'Must be a colleague of your department with the same role',
  },
  mixed_steps: {
    zh: '所选任务分属{steps}个环节:请只选同一环节的任务',
    en: 'The tasks are of {steps} different steps: choose tasks of one step',
  },
  wrong_year: { zh: '不在{year}年内', en: 'Is not in {year}' },
  assessment_exists: { zh: '该年度已有风险评估', en: 'That year already has an assessment' },
  not_granted: { zh: '“{item}”不在授权范围内', en: '"{item}" is not granted' },
  unknown_department: { zh: '找不到部门{code}', en: 'No department {code}' },
  file_too_large: { zh: '文件不能超过{size}', en: 'The file may be at most {size}' },
  file_empty: { zh: '文件是空的', en: 'The file is empty' },
  file_name: { zh: '文件名须包含可见文字', en: "The file's name must hold visible characters" },
  type_not_allowed: { zh: '只能上传以下类型的文件:{allowed}', en: 'Only these types: {allowed}' },
  content_mismatch: {
    zh: '文件内容与扩展名不符',
    en: "The file's content does not match its extension",
  },
  parent_is_itself: { zh: '上级部门不能是本部门', en: 'Cannot be the department itself' },
  parent_not_allowed: {
    zh: '市直部门和县(区)没有上级部门',
    en: 'A city department or a county sits at the top: leave it empty',
  },
  parent_required: { zh: '县(区)部门须填写所属县(区)', en: 'A county department needs its county' },
  parent_not_county: { zh: '{code}不是县(区)', en: '{code} is not a county or district' },
  department_inactive: { zh: '部门{code}已停用', en: 'Department {code} is deactivated' },
  outside_county: { zh: '不在您管理的县(区)内', en: 'Is outside your county' },
  city_role: {
    zh: '{roles}为市级角色,由市级系统管理员授予',
    en: "{roles}: city-level roles are given by the city's administrator",
  },
  department_in_use: {
    zh: '还有{users}名在用用户和{departments}个下属部门,不能停用',
    en: 'Has {users} active users and {departments} departments under it',
  },
  last_admin: { zh: '须至少保留一名在用的系统管理员', en: 'At least one active administrator must remain' },
  not_a_workbook: { zh: '不是 XLSX 表格', en: 'Is not an XLSX workbook' },
  sheet_missing: {
    zh: '缺少工作表“{sheet}”:请先导出一份作为模板',
    en: 'Has no sheet "{sheet}": export one for a template',
  },
  column_missing: { zh: '第{column}列应为“{header}”', en: 'Column {column} must be "{header}"' },
  cell_required: { zh: '必填', en: 'Is required' },
  cell_not_visible: { zh: '须包含可见文字', en: 'Must hold visible characters' },
  cell_too_long: { zh: '内容过长', en: 'Is too long' },
  invalid_status: { zh: '须为“有效”或“停用”', en: 'Must be 有效 (active) or 停用 (inactive)' },
  invalid_kind: {
    zh: '须为市直部门、县(区)或县(区)部门',
    en: 'Must be 市直部门 (city department), 县(区) (county) or 县(区)部门 (county department)',
  },
  unknown_role: { zh: '含有不存在的角色', en: 'Names a role that does not exist' },
  duplicate: { zh: '与前面某行重复', en: 'Is on an earlier row too' },
  invalid_entry: {
    zh: '{resource}的“{field}”不符合目录规则',
    en: '{resource}: {field} breaks a rule of the catalogue',
  },
  invalid_flag: { zh: '须为“是”或“否”', en: 'Must be 是 (yes) or 否 (no)' },
  invalid_shareType: {
    zh: '须为无条件共享、有条件共享或不予共享',
    en: 'Must be 无条件共享, 有条件共享 or 不予共享 (unconditional, conditional, not shared)',
  },
  invalid_category: {
    zh: '须为基础、主题或部门',
    en: 'Must be 基础, 主题 or 部门 (basic, thematic, departmental)',
  },
  invalid_mode: {
    zh: '须为接口、比对核验或文件',
    en: 'Must be 接口, 比对核验 or 文件 (API, verification, file)',
  },
  invalid_updateCycle: {
    zh: '须为实时、每日、每周、每月、每季度、每年或变更时',
    en: 'Must be an update cycle: 实时, 每日, 每周, 每月, 每季度, 每年 or 变更时',
  },
  invalid_classification: {
    zh: '须为公开或内部(非涉密)',
    en: 'Must be 公开 (public) or 内部(非涉密) (internal)',
  },
  invalid_domain: {
    zh: '须为信用、交通、医疗、卫生、就业、社保、地理、文化或教育',
    en: 'Must be a priority domain: 信用, 交通, 医疗, 卫生, 就业, 社保, 地理, 文化 or 教育',
  },
  unknown_resource: { zh: '目录中没有资源{code}', en: 'No resource {code} in the catalogue' },
  not_on_resource_sheet: { zh: '资源工作表中没有该资源编码', en: 'The resources sheet has no such code' },
  classified: { zh: '涉密信息不得上共享平台', en: 'Classified information is kept off the platform' },
  duplicate_entry: {
    zh: '与草稿中另一条目录的编码重复({code})',
    en: 'Repeats another entry of the draft ({code})',
  },
  entry_in_draft: { zh: '已在审核中的草稿{draft}里', en: 'Already in draft {draft}, under way' },
  resource_retired: {
    zh: '资源{code}已停用,不再受理共享申请',
    en: 'Resource {code} is retired and takes no new requests',
  },
  unchanged: { zh: '与已发布的目录完全相同', en: 'Exactly as published' },
  national_code_taken: { zh: '已是资源{code}的信息资源代码', en: 'Is already the national code of {code}' },
  invalid_resource_format: {
    zh: '须为电子文件、电子表格、数据库、图形图像、流媒体、自描述格式、服务接口或其他',
    en: 'Must be a format: 电子文件, 电子表格, 数据库, 图形图像, 流媒体, 自描述格式, 服务接口 or 其他',
  },
  invalid_dataType: {
    zh: '须为字符型、数值型、货币型、日期型、日期时间型、逻辑型、备注型、通用型、双精度型、整型或浮点型(或其代码 C、N…)',
    en: 'Must be a data type of the national guide (C, N, Y, D, T, L, M, G, B, I, F or its Chinese name)',
  },
  not_your_department: {
    zh: '只能导入本部门的目录',
    en: "Only your own department's entries can be imported",
  },
  resource_of_another_department: {
    zh: '该编码已是其他部门的资源',
    en: "The code is another department's resource",
  },
  classified_resource: {
    zh: '涉密信息不通过共享平台共享',
    en: 'Classified information is not shared through the platform',
  },
  before_measures: {
    zh: '早于共享管理办法施行之日({from})',
    en: 'Is before the measures took effect ({from})',
  },
};

/** A field's problem, by its zod code (and what the bound is about: text, a list, a number). */
const FIELD_MESSAGES: Record<string, Text> = {
  required: { zh: '请填写{label}', en: '{label} is required' },
  pick_one: { zh: '请至少选择一项{label}', en: 'Choose at least one {label}' },
  too_long: { zh: '{label}不能超过{maximum}个字', en: '{label} may be at most {maximum} characters' },
  too_many: { zh: '{label}最多{maximum}项', en: 'At most {maximum} {label}' },
  too_small: { zh: '{label}不能小于{minimum}', en: '{label} must be at least {minimum}' },
  too_big: { zh: '{label}不能大于{maximum}', en: '{label} must be at most {maximum}' },
  invalid: { zh: '{label}填写有误', en: '{label} is not valid' },
};

/** The English of the API's own field messages (gettext-style) that say more than "not valid". */
const FIELD_TEXTS: Record<string, string> = {
  'holds no visible characters': '{label}须包含可见文字',
  'contains a lone surrogate: not well-formed text': '{label}含有无法识别的字符',
  'is not a real date': '{label}不是有效的日期',
  'is not a real calendar date': '{label}不是有效的日期',
  'is not a real date and time': '{label}不是有效的时间',
  'lists a department twice': '{label}中有重复的部门',
  'not granted': '{label}不在授权范围内',
  'a resource that is not shared must cite its legal basis (art. 7)':
    '不予共享的资源须注明法律、法规或政策依据(第七条)',
  'a conditional resource must list the conditions requesters answer (art. 23)':
    '有条件共享的资源须列明申请时须答复的共享条件(第二十三条)',
  'only conditional resources have conditions': '只有有条件共享的资源才列共享条件',
  'the provider department is not its own recipient': '提供部门不能是本资源的法定共享对象',
};

function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** What an API error says to the user, in `lang`. */
export function errorText(
  e: { code: string; message: string; params?: Record<string, string | number> },
  lang: Lang,
): string {
  const reason = e.params?.reason;
  const text = (typeof reason === 'string' && REASON_MESSAGES[reason]) || ERROR_MESSAGES[e.code];
  return text ? fill(text[lang], e.params ?? {}) : lang === 'en' ? e.message : ERROR_MESSAGES.bad_request.zh;
}

/** What a field's problem says to the user, in `lang`; `label` is the field as the form names it. */
export function fieldText(
  d: { message: string; code?: string; params?: Record<string, string | number> },
  label: string,
  lang: Lang,
  errorCode: string,
): string {
  const p = d.params ?? {};
  const origin = p.origin;
  const key =
    d.code === 'too_small'
      ? origin === 'string'
        ? 'required'
        : origin === 'array'
          ? 'pick_one'
          : 'too_small'
      : d.code === 'too_big'
        ? origin === 'string'
          ? 'too_long'
          : origin === 'array'
            ? 'too_many'
            : 'too_big'
        : d.code === 'invalid_type' && /received undefined/.test(d.message)
          ? 'required'
          : null;
  const values = { ...p, label };
  const rule = d.code ? RULE_MESSAGES[d.code] : undefined;
  if (rule) return fill(rule[lang], values);
  if (key) return fill(FIELD_MESSAGES[key][lang], values);
  if (lang === 'en') return d.message;
  const known = FIELD_TEXTS[d.message];
  if (known) return fill(known, values);
  // A rule of the measures or the catalogue: the error's own message says which.
  return `${label ? `${label}:` : ''}${ERROR_MESSAGES[errorCode]?.zh ?? fill(FIELD_MESSAGES.invalid.zh, values)}`;
}
