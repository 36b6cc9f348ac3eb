/**
 * The command line of the Temporal dev server as govshare runs it: state in a
 * SQLite file (so it survives a restart), govshare's search attributes and
 * dynamic config. `npm start` and the tests that restart a server use it.
 */
import devServer from '../temporal-config/dev-server.json';
import searchAttributes from '../temporal-config/search-attributes.json';

export function devServerArgs(opts: { dbFile: string; port: number; uiPort: number }): string[] {
  return [
    'server',
    'start-dev',
    '--db-filename',
    opts.dbFile,
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--namespace',
    devServer.namespace,
    '--log-level',
    devServer.logLevel,
    ...searchAttributes.attributes.flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`]),
    ...Object.entries(devServer.dynamicConfig).flatMap(([k, v]) => [
      '--dynamic-config-value',
      `${k}=${JSON.stringify(v)}`,
    ]),
  ];
}
