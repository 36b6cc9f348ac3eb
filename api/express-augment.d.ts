import type { User } from '../db/directory-repository';

declare global {
  namespace Express {
    interface Request {
      /** The signed-in user, set by the authentication middleware. */
      user?: User;
    }
  }
}

export {};
