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
