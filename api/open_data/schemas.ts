/** Shapes of the open-data endpoints (art. 26). */
import { z } from 'zod';
import { CLASSIFICATIONS, OPEN_DATA_DOMAINS, SHARE_TYPES } from '../../domain/catalogue/resource';
import { DepartmentRefSchema } from '../http/common-schemas';

export const DcatCatalogSchema = z.record(z.string(), z.unknown()).openapi('DcatCatalog', {
  description:
    'A dcat:Catalog in JSON-LD (W3C DCAT, served as application/ld+json): one dcat:Dataset per published entry marked open, with its title, description, publisher (the provider department), modified time, accrual periodicity, themes (its art. 26 domains), keywords (its data items) and landing page',
});

export const OpenDataGapsSchema = z
  .object({
    domains: z
      .array(
        z.object({
          domain: z.enum(OPEN_DATA_DOMAINS),
          open: z.number().int(),
          notOpen: z.number().int(),
        }),
      )
      .openapi({ description: "Each of art. 26's domains in its order: its entries open, and not yet open" }),
    notOpen: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          providerDepartment: DepartmentRefSchema,
          domains: z.array(z.enum(OPEN_DATA_DOMAINS)),
          shareType: z.enum(SHARE_TYPES),
          classification: z.enum(CLASSIFICATIONS),
        }),
      )
      .openapi({ description: "The entries in art. 26's domains that are not open to the public, by code" }),
  })
  .openapi('OpenDataGaps');
