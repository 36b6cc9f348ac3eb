/**
 * Cases of every kind, made through the API as users would, so that a walk
 * through every page (in Chinese, in English) finds something on each. It
 * returns their ids and every text the users typed into them: a walk in one
 * language expects those as typed, in whatever language they were written.
 */
import { randomUUID } from 'node:crypto';
import type { ApiHarness } from './api-harness';
import { httpCases, insuranceRequest, localDay, populationRequest } from './http-cases';

export async function casesToWalk(h: ApiHarness) {
  const c = httpCases(h);
  const typed: string[] = [];
  const say = <T extends string>(s: T) => (typed.push(s), s);

  const { requestId: deniedId, dispute } = await c.disputedDenial();
  typed.push('超出职责范围', '低保审核属法定职责');
  await c.complete('zhangwei', dispute.currentTask.id, { decision: 'propose', reason: say('限定查询范围') });
  const open = await c.request('zhangwei', insuranceRequest());
  const granted = await c.request('zhangwei', populationRequest());
  for (const r of [insuranceRequest(), populationRequest()]) {
    typed.push(r.purpose, ...Object.values((r as { answers?: Record<string, string> }).answers ?? {}));
  }
  const correction = await c.post(
    'zhangwei',
    '/api/corrections',
    {
      resourceCode: 'GA-RK-001',
      grantId: granted.grant.id,
      items: ['姓名'],
      description: say('姓名有误'),
      evidence: say('户籍窗口核实'),
      discoveredAt: new Date().toISOString(),
    },
    randomUUID(),
  );
  if (correction.status !== 201) throw new Error(`correction: ${correction.status}`);
  const reform = await c.post(
    'zhoujie',
    '/api/reforms',
    {
      title: say('机构改革'),
      effectiveDate: localDay(),
      description: say('部门职能调整'),
      departments: ['hr-social-security'],
    },
    randomUUID(),
  );
  if (reform.status !== 201) throw new Error(`reform: ${reform.status}`);
  await c.post('zhaoqiang', '/api/comments', {
    caseType: 'sharing_request',
    caseId: open.id,
    text: say('正在审核'),
  });
  const attached = await h
    .http()
    .post(`/api/cases/sharing_request/${open.id}/attachments`)
    .set(await h.as('zhangwei'))
    .attach('file', Buffer.from('%PDF-1.7\n'), say('关于申请数据的函.pdf'));
  if (attached.status !== 201) throw new Error(`attachment: ${attached.status}`);

  return {
    deniedId,
    disputeId: dispute.id as string,
    openId: open.id as string,
    openTaskId: open.currentTask.id as string,
    grantedId: granted.id as string,
    grantId: granted.grant.id as string,
    correctionId: correction.body.id as string,
    reformId: reform.body.id as string,
    typed,
  };
}

/** The pages each kind of official opens, given the cases to show. */
export function pagesToWalk(x: Awaited<ReturnType<typeof casesToWalk>>): [string, string[]][] {
  return [
    [
      'zhangwei',
      [
        '/',
        '/catalogue',
        '/catalogue/RS-SB-001',
        '/requests',
        '/corrections',
        '/disputes',
        '/reforms',
        `/requests/${x.deniedId}`,
        `/requests/${x.grantedId}`,
        `/requests/${x.openId}`,
        `/corrections/${x.correctionId}`,
        `/disputes/${x.disputeId}`,
        '/catalogue/RS-SB-001/apply',
        `/corrections/new?resource=GA-RK-001&grant=${x.grantId}`,
      ],
    ],
    ['zhaoqiang', ['/inbox', '/inbox/done', '/notices', '/delegations', `/tasks/${x.openTaskId}`]],
    ['zhoujie', ['/inbox', `/reforms/${x.reformId}`, '/reforms/new']],
    ['zhengli', ['/dashboard']],
    ['xuhong', ['/audit']],
    ['luoyi', ['/security']],
    ['admin', ['/calendar', '/directory']],
    ['hegang', ['/directory']],
  ];
}
