import type { User } from '../db/directory-repository';
import type { ReadEntry } from './http/route';

declare global {
  namespace Express {
    interface Request {
      /** The signed-in user, set by the authentication middleware. */
      user?: User;
    }
    interface Locals {
      /** Appends a read a route declares (`audit` in its declaration) to the audit log; set by the app. */
      recordRead?: (req: import('express').Request, entry: ReadEntry) => Promise<void>;
    }
  }
}

export {};
