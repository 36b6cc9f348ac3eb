/**
 * The notices centre through the API: a new task's notice reaches every
 * member of its group and no one else; each member reads it on their own;
 * marking read takes ids or everything, and ignores notices not yours.
 */
import { insertNotifications } from '../../db/task-repository';
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

type Notice = {
  id: string;
  kind: string;
  taskId: string | null;
  title: { zh: string; en: string };
  read: boolean;
};

async function notices(username: string, query = '') {
  const res = await c.get(username, `/api/notices${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: Notice[]; total: number; unread: number };
}

it("tells every reviewer of the department of a new task, and keeps each one's reading to themselves", async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  const taskId = request.currentTask.id as string;
  const mine = (await notices('zhaoqiang')).items.find((n) => n.taskId === taskId)!;
  expect(mine).toMatchObject({
    kind: 'task',
    read: false,
    title: { zh: expect.stringMatching(new RegExp(`^新待办:共享申请 ${request.id}·提供部门审核`)) },
  });
  expect((await notices('majun')).items.map((n) => n.id)).toContain(mine.id);
  // Not public security's reviewer's, nor the requester's.
  for (const other of ['lina', 'zhangwei'])
    expect((await notices(other)).items.map((n) => n.id)).not.toContain(mine.id);

  const before = (await notices('majun')).unread;
  const marked = await c.post('zhaoqiang', '/api/notices/read', { ids: [mine.id] });
  expect(marked.status).toBe(200);
  expect(marked.body.marked).toBe(1);
  expect((await notices('zhaoqiang')).items.find((n) => n.id === mine.id)!.read).toBe(true);
  expect((await notices('zhaoqiang', '?unread=true')).items.map((n) => n.id)).not.toContain(mine.id);
  // majun reads on his own: still unread for him.
  expect((await notices('majun')).unread).toBe(before);
  expect((await notices('majun')).items.find((n) => n.id === mine.id)!.read).toBe(false);

  // Someone else's notice is not marked by lina, and does not count.
  const foreign = await c.post('lina', '/api/notices/read', { ids: [mine.id] });
  expect(foreign.body.marked).toBe(0);
  expect((await notices('majun')).items.find((n) => n.id === mine.id)!.read).toBe(false);

  const all = await c.post('majun', '/api/notices/read', { all: true });
  expect(all.body).toEqual({ marked: before, unread: 0 });
  expect((await notices('majun')).unread).toBe(0);

  const bad = await c.post('majun', '/api/notices/read', { ids: [] });
  expect(bad.status).toBe(400);
});

it('names the departments a workflow wrote by code in a notice, in the reader’s language', async () => {
  await insertNotifications(h.t.db, [
    {
      id: 'RF-TEST.hr-social-security#notice#0',
      recipient: { role: 'data_steward', department: 'hr-social-security' },
      kind: 'result',
      taskId: null,
      title: {
        zh: '机构改革后须在15个工作日内更新目录:机构改革(hr-social-security)',
        en: 'Update the catalogue within 15 working days: RF-TEST (hr-social-security)',
      },
    },
  ]);
  const got = (await notices('zhaoqiang')).items.find((n) => n.id === 'RF-TEST.hr-social-security#notice#0')!;
  expect(got.title).toEqual({
    zh: '机构改革后须在15个工作日内更新目录:机构改革(市人力资源和社会保障局)',
    en: 'Update the catalogue within 15 working days: RF-TEST (Human Resources and Social Security Bureau)',
  });
});
