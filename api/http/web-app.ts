/**
 * The browser app, built by Vite into web/dist, served from the API's origin:
 * its files as they are, and index.html for any other path the app routes
 * itself (/inbox, /requests/…). Without a build, a page says how to make one.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/** web/dist at the project root, whether this runs from source (tsx, api/http) or compiled (dist/api/http). */
const FROM_SOURCE = path.resolve(__dirname, '..', '..', 'web', 'dist');
export const WEB_DIST =
  [FROM_SOURCE, path.resolve(__dirname, '..', '..', '..', 'web', 'dist')].find((p) => fs.existsSync(p)) ??
  FROM_SOURCE;

export function serveWebApp(app: Express, dist = WEB_DIST): void {
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|api$|metrics$|healthz$).*/, (_req, res) => {
    const index = path.join(dist, 'index.html');
    if (fs.existsSync(index)) res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
    else
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build -w web` (npm start does this for you).');
  });
}
