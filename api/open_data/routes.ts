/**
 * Open data (art. 26): the published entries marked open, without sign-in, as
 * DCAT in JSON-LD for a national open-data portal to harvest; and for the LG
 * office, the entries in the article's priority domains not open yet.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { allResources } from '../../db/catalogue-repository';
import { dcatCatalog, isOpenData, OPEN_DATA_OVERSEERS } from '../../domain/catalogue/open-data';
import { OPEN_DATA_DOMAINS } from '../../domain/catalogue/resource';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import { DcatCatalogSchema, OpenDataGapsSchema } from './schemas';

/** The catalogue's title as a portal lists it. */
const CATALOG_TITLE = { zh: '政务信息资源开放目录', en: 'Open government data' };

export function openDataRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const { db, config } = deps;

  addRoute(router, registry, {
    method: 'get',
    path: '/api/open-data/datasets',
    summary: 'The entries open to the public, as a DCAT catalogue in JSON-LD (art. 26); no sign-in',
    description:
      'Answers application/ld+json. Lists only published entries marked open to the public and classified public. Dataset IRIs start with PUBLIC_URL when it is set, else with the address the request came to.',
    tags: ['open data'],
    auth: 'public',
    response: DcatCatalogSchema,
    handler: async ({ req, res }) => {
      const items = await allResources(db, { openToPublic: true });
      res.type('application/ld+json');
      return dcatCatalog(items.filter(isOpenData), {
        publicUrl: config.notices.publicUrl ?? `${req.protocol}://${req.get('host')}`,
        title: CATALOG_TITLE,
      });
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/open-data/gaps',
    summary: "The entries in art. 26's priority domains not yet open to the public, and each domain's counts",
    tags: ['open data'],
    auth: 'user',
    roles: [...OPEN_DATA_OVERSEERS],
    response: OpenDataGapsSchema,
    audit: { action: 'open_data.gaps_read', entityType: 'resource' },
    handler: async () => {
      const items = await allResources(db);
      const inDomains = items.filter((r) => r.domains.length > 0);
      const notOpen = inDomains.filter((r) => !isOpenData(r));
      return {
        domains: OPEN_DATA_DOMAINS.map((domain) => {
          const of = inDomains.filter((r) => r.domains.includes(domain));
          const open = of.filter(isOpenData).length;
          return { domain, open, notOpen: of.length - open };
        }),
        notOpen: notOpen.map((r) => ({
          code: r.code,
          name: r.name,
          providerDepartment: r.providerDepartment,
          domains: r.domains,
          shareType: r.shareType,
          classification: r.classification,
        })),
      };
    },
  });
}
