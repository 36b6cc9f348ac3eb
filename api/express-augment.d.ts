import type { User } from '../db/directory-repository';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in user, set by the authentication middleware. */
      user?: User;
    }
  }
}

export {};
