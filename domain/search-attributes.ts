/**
 * The custom search attributes govshare sets on its workflows, so operators
 * can find cases in the Temporal UI and CLI (e.g. `GovshareStatus="provider_review"`).
 * They are registered from temporal-config/search-attributes.json; a test keeps
 * the two lists equal.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  process: defineSearchAttributeKey('GovshareProcess', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('GovshareStatus', SearchAttributeType.KEYWORD),
  provider: defineSearchAttributeKey('GovshareProvider', SearchAttributeType.KEYWORD),
  consumer: defineSearchAttributeKey('GovshareConsumer', SearchAttributeType.KEYWORD),
  deadline: defineSearchAttributeKey('GovshareDeadline', SearchAttributeType.DATETIME),
} as const;
