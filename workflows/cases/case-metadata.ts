/**
 * What an operator sees of a case in the Temporal UI and CLI, set when its
 * workflow starts: the memo (case id, resource, provider, consumer) and a
 * one-line summary that reads like the inbox. Pure, so workflow code (a child
 * case) and the API (a started case) build it the same way.
 */
export interface CaseMetadataInput {
  /** The process's name in Chinese, e.g. 共享申请. */
  processName: string;
  caseId: string;
  resource?: { code: string; name: string } | null;
  provider: string;
  consumer?: string | null;
}

export interface CaseMetadata {
  memo: { caseId: string; resource: string | null; provider: string; consumer: string | null };
  staticSummary: string;
}

export function caseMetadata(c: CaseMetadataInput): CaseMetadata {
  const parties = c.consumer ? `${c.consumer} → ${c.provider}` : c.provider;
  const what = c.resource ? ` · ${c.resource.name}(${c.resource.code})` : '';
  return {
    memo: {
      caseId: c.caseId,
      resource: c.resource?.code ?? null,
      provider: c.provider,
      consumer: c.consumer ?? null,
    },
    staticSummary: `${c.processName} ${c.caseId}${what} · ${parties}`,
  };
}
