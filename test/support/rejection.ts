/** The HttpError a service call is refused with; fails the test if it succeeds or throws anything else. */
import { HttpError } from '../../api/http/errors';

export async function rejection(p: Promise<unknown>): Promise<HttpError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

/**
 * The message a database statement is refused with ('not refused' when it succeeds). Not
 * `rejects.toThrow`: better-sqlite3's native addon keeps the error class of the first test file
 * its worker loaded, which a later file's realm does not recognise as an Error.
 */
export function statementRefusal(q: PromiseLike<unknown>): Promise<string> {
  return Promise.resolve(q).then(
    () => 'not refused',
    (e: Error) => e.message,
  );
}
