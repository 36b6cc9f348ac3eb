/**
 * What a caller is told when the database cannot answer: a 503 that says
 * nothing changed and to try again, for every way mysql2 and knex report an
 * outage (refused, reset, lost, closed, shutting down, pool exhausted) — and a
 * 500 only for a bug. database-outage.test.ts stops a real MariaDB; this names
 * each error it can meet, since which one a request meets depends on timing.
 */
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../api/http/errors';
import { createLogger } from '../../runtime/logger';

function answerFor(err: unknown) {
  const app = express();
  app.get('/x', () => {
    throw err;
  });
  app.use(errorHandler(createLogger('silent', 'test')));
  return request(app).get('/x');
}

const withCode = (code: string) => Object.assign(new Error(code), { code });

it.each([
  ['connection refused', withCode('ECONNREFUSED')],
  ['connection reset', withCode('ECONNRESET')],
  ['a broken pipe', withCode('EPIPE')],
  ['the connection lost', Object.assign(withCode('PROTOCOL_CONNECTION_LOST'), { fatal: true })],
  ['the server shutting down', withCode('ER_SERVER_SHUTDOWN')],
  ['the connection killed', withCode('ER_CONNECTION_KILLED')],
  [
    'a query on a closed connection',
    Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true }),
  ],
  [
    'the pool exhausted',
    Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }),
  ],
])('answers 503 database_unavailable, with Retry-After: %s', async (_, err) => {
  const res = await answerFor(err);
  expect([res.status, res.body.error.code, res.headers['retry-after']]).toEqual([
    503,
    'database_unavailable',
    '5',
  ]);
});

it('answers 500 for a bug, without its message', async () => {
  const res = await answerFor(new TypeError('x is undefined'));
  expect([res.status, res.body.error.code]).toEqual([500, 'internal_error']);
  expect(JSON.stringify(res.body)).not.toContain('x is undefined');
});
