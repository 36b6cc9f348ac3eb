/**
 * Open data (art. 26: 政务信息资源尽可能向社会开放,与民生保障服务相关的信用、交通、医疗、
 * 卫生、就业、社保、地理、文化和教育等领域的政务信息资源优先向社会开放).
 *
 * The domains the article names, which an entry may belong to; the catalogue of
 * open entries as DCAT (W3C Data Catalog Vocabulary) in JSON-LD, the shape a
 * national open-data portal harvests. Pure.
 */
import type { Role } from '../roles';
import type { Resource } from './resource';

/** Who oversees opening data (art. 26): the LG office, the leading group, the supervisor and administrators. */
export const OPEN_DATA_OVERSEERS = [
  'lg_office',
  'leading_group',
  'supervisor',
  'admin',
] as const satisfies readonly Role[];

/** Whether an entry may appear on the open-data page: marked open and classified public (art. 2, 26). */
export function isOpenData(r: Pick<Resource, 'openToPublic' | 'classification'>): boolean {
  return r.openToPublic && r.classification === 'public';
}

/** The Dublin Core frequency (dct:accrualPeriodicity) of each update cycle. */
const FREQUENCIES: Record<Resource['updateCycle'], string> = {
  realtime: 'http://purl.org/cld/freq/continuous',
  daily: 'http://purl.org/cld/freq/daily',
  weekly: 'http://purl.org/cld/freq/weekly',
  monthly: 'http://purl.org/cld/freq/monthly',
  quarterly: 'http://purl.org/cld/freq/quarterly',
  yearly: 'http://purl.org/cld/freq/annual',
  on_change: 'http://purl.org/cld/freq/irregular',
};

const zh = (value: string) => ({ '@value': value, '@language': 'zh' });
const en = (value: string) => ({ '@value': value, '@language': 'en' });

/**
 * The open entries as a dcat:Catalog in JSON-LD. Each dataset's IRI is its
 * page on the platform (`${publicUrl}/open-data/${code}`); its publisher is the
 * provider department; its themes are its art. 26 domains; its keywords are
 * its data items; its national resource code and format, where the entry has
 * them, are an adms:identifier and its distribution's dct:format.
 */
export function dcatCatalog(
  resources: Resource[],
  o: { publicUrl: string; title: { zh: string; en: string } },
): Record<string, unknown> {
  const base = o.publicUrl.replace(/\/+$/, '');
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      adms: 'http://www.w3.org/ns/adms#',
      skos: 'http://www.w3.org/2004/02/skos/core#',
    },
    '@id': `${base}/open-data`,
    '@type': 'dcat:Catalog',
    'dct:title': [zh(o.title.zh), en(o.title.en)],
    'dcat:dataset': resources.map((r) => ({
      '@id': `${base}/open-data/${r.code}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': r.code,
      'dct:title': zh(r.name),
      'dct:description': zh(r.summary),
      'dct:publisher': {
        '@type': 'foaf:Organization',
        'dct:identifier': r.providerDepartment.code,
        'foaf:name': [zh(r.providerDepartment.name), en(r.providerDepartment.nameEn)],
      },
      'dct:modified': { '@value': r.updatedAt, '@type': 'xsd:dateTime' },
      'dct:accrualPeriodicity': { '@id': FREQUENCIES[r.updateCycle] },
      'dcat:theme': r.domains.map((d) => `${base}/open-data/domains/${d}`),
      'dcat:keyword': r.items.map((i) => zh(i.name)),
      'dcat:landingPage': { '@id': `${base}/open-data/${r.code}` },
      'dct:accessRights': 'public',
      'dcat:version': String(r.version),
      ...(r.publishedAt ? { 'dct:issued': { '@value': r.publishedAt, '@type': 'xsd:dateTime' } } : {}),
      // Its code in the national catalogue (信息资源代码), for a national portal to match it by.
      ...(r.nationalCode
        ? {
            'adms:identifier': {
              '@type': 'adms:Identifier',
              'skos:notation': r.nationalCode,
              'adms:schemaAgency': '政务信息资源目录编制指南(GB/T 21063)',
            },
          }
        : {}),
      // Its format (信息资源格式), on the one way it is handed out.
      ...(r.format ? { 'dcat:distribution': { '@type': 'dcat:Distribution', 'dct:format': r.format } } : {}),
    })),
  };
}
