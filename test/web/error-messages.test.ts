/**
 * Every error the API can answer with is said in Chinese and in English by the
 * web app: each error code (found in the API's source, where errors are made)
 * and each refusal reason a workflow's validator gives. A code added without
 * its words fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_MESSAGES, REASON_MESSAGES, RULE_MESSAGES } from '../../web/src/i18n/errors';

const ROOT = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts'))
    .map((f) => readFileSync(path.join(f.parentPath, f.name), 'utf8'));
}

function found(texts: string[], pattern: RegExp): string[] {
  return [...new Set(texts.flatMap((t) => [...t.matchAll(pattern)].map((m) => m[1])))].sort();
}

const server = ['api', 'runtime', 'db', 'domain'].flatMap(sources);
const errorCodes = [
  // The code argument, a literal or a choice of literals (claim ? 'task_claimed' : 'not_claimed_by_you').
  ...found(
    server.flatMap((t) => [...t.matchAll(/new HttpError\(\s*\d{3},\s*([^,]+),/g)].map((m) => m[1])),
    /'([a-z_]+)'/g,
  ),
  ...found(server, /unprocessable\(\s*'([a-z_]+)'/g),
  // What the error handler and the Temporal gateway answer with.
  ...found([readFileSync(path.join(ROOT, 'api/http/errors.ts'), 'utf8')], /code: '([a-z_]+)'/g),
  ...found(
    [readFileSync(path.join(ROOT, 'api/temporal/temporal-gateway.ts'), 'utf8')],
    /\[\d{3}, '([a-z_]+)'\]/g,
  ),
];
// A validator's reason key: the quoted snake_case argument of a refuse(…) call (messages have spaces).
const reasons = found(
  sources('workflows').flatMap((t) => [...t.matchAll(/\brefuse\(([\s\S]*?)\);/g)].map((m) => m[1])),
  /,\s*'([a-z]+(?:_[a-z]+)*)'\s*(?:,|$)/g,
);

// A rule a field breaks: the code of a problem object ({ path, code, … }).
const rules = found(
  ['api', 'db', 'domain']
    .flatMap((d) => readdirSync(path.join(ROOT, d), { withFileTypes: true, recursive: true }))
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && f.name !== 'errors.ts')
    .map((f) => readFileSync(path.join(f.parentPath, f.name), 'utf8')),
  /\bcode:\s*'([a-z_]+)',\s*(?:params|message):/g,
);

it('finds the errors the API makes (the scan itself works)', () => {
  expect(rules).toEqual(expect.arrayContaining(['before_today', 'not_granted', 'unknown_department']));
  expect(errorCodes).toEqual(
    expect.arrayContaining(['invalid_input', 'task_closed', 'grant_ended', 'invalid_decision']),
  );
  expect(reasons).toEqual(expect.arrayContaining(['nothing_proposed', 'reason_required', 'no_review_open']));
});

it('has Chinese and English for every error code', () => {
  expect(errorCodes.filter((c) => !ERROR_MESSAGES[c]?.zh || !ERROR_MESSAGES[c]?.en)).toEqual([]);
});

it('has Chinese and English for every refusal reason', () => {
  expect(reasons.filter((r) => !REASON_MESSAGES[r]?.zh || !REASON_MESSAGES[r]?.en)).toEqual([]);
});

it('has Chinese and English for every rule a field can break', () => {
  expect(rules.filter((r) => !RULE_MESSAGES[r]?.zh || !RULE_MESSAGES[r]?.en)).toEqual([]);
});
