/**
 * What the API and the catalogue-entry workflow (目录编制审核, art. 7, 9)
 * exchange. A data steward submits a draft of one or more catalogue entries,
 * new or changed; a colleague of the same department who is not its author
 * reviews it entry by entry; a draft with an entry that is not shared, or
 * with a change that narrows sharing, then goes to the LG office to 核定 its
 * legal basis; only then are its entries registered and published in the
 * city's 共享目录. A returned draft goes back to its department to revise and
 * resubmit, or to withdraw.
 */
import type { UpdateCycle } from '../../domain/catalogue/resource';
import type { Actor } from '../../domain/roles';

/** The process's one name: workflow type, workflow-id prefix, GovshareProcess and the API's processType. */
export const CATALOGUE_ENTRY_PROCESS = 'catalogue_entry';
export const CATALOGUE_ENTRY_LABEL = { zh: '目录编制审核', en: 'Catalogue entry review' } as const;
/** The prefix of a draft's id, e.g. CE-20261204-7K3M9Q. */
export const CATALOGUE_ENTRY_ID_PREFIX = 'CE';

export const CATALOGUE_ENTRY_STEPS = {
  review: 'entry_review',
  verification: 'entry_verification',
  revision: 'entry_revision',
} as const;

export const CATALOGUE_ENTRY_STATUSES = [
  'entry_review',
  'entry_verification',
  'returned',
  'published',
  'withdrawn',
] as const;
export type CatalogueEntryStatus = (typeof CATALOGUE_ENTRY_STATUSES)[number];

/** The statuses of a draft still under way: its entries cannot be in another draft meanwhile. */
export const OPEN_DRAFT_STATUSES: readonly CatalogueEntryStatus[] = [
  'entry_review',
  'entry_verification',
  'returned',
];

export function catalogueEntryWorkflowId(draftId: string): string {
  return `${CATALOGUE_ENTRY_PROCESS}-${draftId}`;
}

export interface CatalogueEntryInput {
  draftId: string;
  /** The department whose catalogue the draft changes. */
  provider: string;
  author: Actor;
  /** What the notices call the draft, e.g. 居民死亡登记信息 or 3 条目录. */
  title: { zh: string; en: string };
  submittedAt: string;
}

/** Why a draft needs the LG office's 核定: an entry not shared, or a change that narrows sharing. */
export interface DraftAssessment {
  needsVerification: boolean;
  /** Per entry that needs it: its code, whether it is not shared, how its change narrows sharing. */
  entries: { code: string; notShared: boolean; narrowings: string[] }[];
}

/**
 * What publishing a draft did: the version each entry became (unchanged entries keep theirs); or,
 * when the catalogue or the directory changed since it was checked, why it was not published.
 */
export interface PublishedDraft {
  /** Empty when published; else nothing was published. Absent from answers recorded before it was checked again. */
  problems?: { code: string; path: string; message: string }[];
  versions: {
    code: string;
    version: number;
    created: boolean;
    narrowings: string[];
    /** The entry's name and update cycle, for its freshness case (absent from answers recorded before). */
    name?: string;
    cycle?: UpdateCycle;
  }[];
  /** Workflows of the provider's open reform obligations, to tell of the change (art. 9, 37). */
  obligations: string[];
}

/** What a move records about the draft besides its status. */
export interface CatalogueEntryFacts {
  needsVerification?: boolean;
}
