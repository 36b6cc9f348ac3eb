/**
 * The README's production path, end to end, as a city's IT team follows it:
 * build, migrate a fresh MariaDB database with a bootstrap administrator
 * (no demo data), start the built worker and API as separate processes
 * against a Temporal server with sign-in from the city's identity provider
 * (a local test issuer). Then the administrator imports the directory (a
 * workbook with a bad row first: refused, nothing stored), a person signs
 * in through the issuer and is added, a steward registers a resource, and
 * a requester files a request that the provider's reviewer sees.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startDevServer } from '../../scripts/harness/servers';
import { loadLogSigningKey } from '../../runtime/log-signing-key';
import { handWrittenDirectory, XLSX_TYPE } from '../support/directory-workbook';
import { useFakeIssuer } from '../support/fake-issuer';
import { catalogueEntry, localDay } from '../support/http-cases';
import { waitFor } from '../support/wait';
import { freePort } from '../../scripts/harness/free-port';

const ROOT = path.resolve(__dirname, '..', '..');
jest.setTimeout(600_000);

const idp = useFakeIssuer();
let env: TestWorkflowEnvironment;
let t: TestDb;
let dir: string;
let base: string;
const children: { name: string; proc: ChildProcess; output: () => string }[] = [];

/** Runs a command to its end, as the operator would at a shell; fails with its output. */
function run(what: string, command: string, args: string[], extra: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...extra }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function start(name: string, script: string, extra: NodeJS.ProcessEnv) {
  let out = '';
  const proc = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (b) => (out += b.toString()));
  proc.stderr!.on('data', (b) => (out += b.toString()));
  children.push({ name, proc, output: () => out });
}

beforeAll(async () => {
  [env, t] = await Promise.all([startDevServer(), createTestDb('mysql', { migrate: false })]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-production-'));
});

afterAll(async () => {
  for (const c of children) c.proc.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.proc.exitCode === null ? new Promise((r) => c.proc.on('exit', r)) : null)),
  );
  await env?.teardown();
  await t?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const call = async (token: string, method: string, url: string, body?: unknown) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body instanceof FormData || body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(method === 'POST' && ['/api/requests', '/api/catalogue/drafts'].includes(url)
        ? { 'Idempotency-Key': randomUUID() }
        : {}),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/** The city's directory as a workbook upload: four departments, and `users`. */
async function workbook(users: string[][]): Promise<FormData> {
  const bytes = await handWrittenDirectory({
    departments: [
      ['civil-affairs', '市民政局', 'Civil Affairs Bureau', '市直部门', '', '有效'],
      ['health', '市卫生健康委员会', 'Health Commission', '市直部门', '', '有效'],
      ['miyi', '米易县', 'Miyi County', '县(区)', '', '有效'],
      ['miyi-health', '米易县卫生健康局', 'Miyi County Health Bureau', '县(区)部门', 'miyi', '有效'],
    ],
    users,
  });
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: XLSX_TYPE }), '组织机构.xlsx');
  return form;
}

it('goes from an empty database to a request in the provider reviewer’s inbox, with the built processes', async () => {
  // 1. Build, as `npm run build` does for the server (the web app is built by the test run's provisioning).
  run('tsc', path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', '.']);
  run('copy-assets', process.execPath, ['scripts/copy-assets.js']);

  // The settings every process of the installation shares (README, Configuration).
  const keyFile = path.join(dir, 'log-signing-key.pem');
  loadLogSigningKey(keyFile, { create: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const common = {
    DATABASE_URL: t.location,
    NODE_ENV: 'production',
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: `production-${randomUUID()}`,
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: idp.issuer,
    OIDC_AUDIENCE: idp.audience,
    OIDC_DEPARTMENT_CLAIM: 'department',
    OIDC_ROLE_MAP: 'gov-requesters=requester,gov-reviewers=provider_reviewer',
    AUDIT_SIGNING_KEY: keyFile,
    ATTACHMENT_DIR: path.join(dir, 'attachments'),
    LOG_ARCHIVE_DIR: path.join(dir, 'archives'),
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
  };

  // 2. Migrate a fresh database, with the first administrator and no demo data.
  const migrated = run('migrate', process.execPath, ['dist/runtime/migrate.js'], {
    ...common,
    BOOTSTRAP_ADMIN: 'ops.admin',
    BOOTSTRAP_ADMIN_NAME: '平台运维',
  });
  expect(migrated).toContain('migrate: administrator ops.admin created (department platform-admin)');
  expect(await t.db('users').pluck('username')).toEqual(['ops.admin']);
  expect(await t.db('resources').count({ n: '*' })).toEqual([{ n: 0 }]);

  // 3. The built worker and API, separate processes, on the Temporal server, with OIDC.
  start('worker', 'dist/runtime/worker.js', common);
  start('api', 'dist/runtime/api-server.js', common);
  await waitFor(
    'the API and the worker to be up',
    async () => {
      for (const c of children)
        if (c.proc.exitCode !== null) throw new Error(`${c.name} exited:\n${c.output()}`);
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      return ok && children.every((c) => /worker started|API listening/.test(c.output()));
    },
    120_000,
  );

  // 4. The administrator signs in through the issuer and imports the directory: a bad row first.
  const admin = await idp.token('ops.admin');
  expect((await call(admin, 'GET', '/api/me')).body).toMatchObject({
    username: 'ops.admin',
    roles: ['admin'],
  });
  const people = [
    [
      'zhouhong',
      '周红',
      'health',
      'data_steward, provider_reviewer',
      'zhouhong@health.example',
      '0812-3330001',
      '有效',
    ],
    // A colleague of the steward's: a catalogue draft is reviewed by someone who did not write it (art. 9).
    ['liuxin', '刘鑫', 'health', 'provider_reviewer', '', '', '有效'],
    ['wangli', '王丽', 'miyi-health', 'county_admin', '', '', '有效'],
  ];
  const bad = await call(
    admin,
    'POST',
    '/api/directory/import',
    await workbook([...people, ['lisi', '李四', 'ministry', 'requester', '', '', '有效']]),
  );
  expect(bad.status).toBe(422);
  expect(bad.body.error.details).toContainEqual(
    expect.objectContaining({ path: '用户 Users!C5', code: 'unknown_department' }),
  );
  expect(await t.db('users').count({ n: '*' })).toEqual([{ n: 1 }]);
  expect(await t.db('departments').count({ n: '*' })).toEqual([{ n: 1 }]);
  const good = await call(admin, 'POST', '/api/directory/import', await workbook(people));
  expect(good.status).toBe(200);
  expect(good.body).toEqual({
    departments: { created: 4, updated: 0, unchanged: 0 },
    users: { created: 3, updated: 0, unchanged: 0 },
  });

  // The directory page tells the administrator which roles the processes still need.
  const unheld = (await call(admin, 'GET', '/api/directory/users')).body.unheld as { role: string }[];
  expect(unheld.map((u) => u.role)).toEqual(expect.arrayContaining(['platform_approver', 'lg_office']));

  // 5. A requester the directory does not know signs in through the issuer and is added.
  const requester = await idp.token('chenmin', {
    name: '陈敏',
    department: 'civil-affairs',
    groups: ['gov-requesters'],
  });
  expect((await call(requester, 'GET', '/api/me')).body).toMatchObject({
    username: 'chenmin',
    displayName: '陈敏',
    department: { code: 'civil-affairs' },
    roles: ['requester'],
  });

  // 6. Health's steward drafts a resource, her colleague reviews it and it is published; 7. the requester asks for it.
  const steward = await idp.token('zhouhong');
  const drafted = await call(steward, 'POST', '/api/catalogue/drafts', {
    entries: [
      catalogueEntry({
        code: 'WJ-CS-001',
        name: '出生医学证明信息',
        providerDepartment: 'health',
        items: [{ name: '新生儿姓名', kind: 'business' }],
      }),
    ],
    changeReason: '新增资源',
  });
  expect(drafted.status).toBe(201);
  const colleague = await idp.token('liuxin');
  const review = await waitFor('the draft’s review task', async () => {
    const inbox = await call(colleague, 'GET', '/api/tasks');
    return inbox.body.items?.find((i: { caseId: string }) => i.caseId === drafted.body.id);
  });
  expect(
    (await call(colleague, 'POST', `/api/tasks/${review.id}/complete`, { decision: 'approve' })).status,
  ).toBe(200);
  await waitFor('the resource published', async () =>
    (await call(requester, 'GET', '/api/catalogue/resources/WJ-CS-001')).status === 200 ? true : undefined,
  );
  const filed = await call(requester, 'POST', '/api/requests', {
    resourceCode: 'WJ-CS-001',
    items: ['新生儿姓名'],
    purpose: '核对新生儿落户',
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { duty: '户籍登记' },
  });
  expect([200, 201, 202]).toContain(filed.status);

  // 8. The provider's reviewer sees it in the inbox.
  const task = await waitFor(
    'the review task in the provider’s inbox',
    async () => {
      const inbox = await call(steward, 'GET', '/api/tasks');
      return inbox.body.items?.find((i: { caseId: string }) => i.caseId === filed.body.id);
    },
    60_000,
  ).catch(async (err) => {
    throw new Error(
      `${(err as Error).message}\nfiled: ${JSON.stringify(filed)}\ninbox: ${JSON.stringify((await call(steward, 'GET', '/api/tasks')).body)}\n${children.map((c) => c.output().slice(-3000)).join('\n')}`,
    );
  });
  expect(task).toMatchObject({ step: 'provider_review' });
  // Nothing went wrong in either process. The one error a fresh city sees is the start-up check telling
  // the operator that no one holds the city-level roles yet (those steps would wait in no one's inbox).
  const errors = children.flatMap((c) => c.output().split('\n')).filter((l) => /"level":(50|60)/.test(l));
  expect(errors.filter((l) => !l.includes('configuration error: no active user holds'))).toEqual([]);
  expect(errors.join('\n')).toContain('no active user holds platform_approver');
});
