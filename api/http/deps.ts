/** What every route and service of the API is built from; its own file, so routes never import the app. */
import type { Db } from '../../db/connection';
import type { Config } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import type { Authenticator } from '../auth/authentication';
import type { TemporalGateway } from '../temporal/temporal-gateway';

export interface ApiDeps {
  config: Config;
  db: Db;
  temporal: TemporalGateway;
  logger: Logger;
  authenticator: Authenticator;
}
