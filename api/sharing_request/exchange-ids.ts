/**
 * The ids of exchanges (art. 23) and of refused ones, read out like case ids
 * (EX-20261203-7K3M9Q, XR-20261203-7K3M9Q) and safe in a URL, so either can be
 * named in a dispute (art. 25).
 */
export const EXCHANGE_ID_PREFIX = 'EX';
export const REFUSED_EXCHANGE_ID_PREFIX = 'XR';

/** Exchanges logged before their ids were readable were `x#<uuid>`; their disputes take `EX-<uuid hex>`. */
const LEGACY = /^x#([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/** What a dispute over an exchange is named by: the exchange's id, or a legacy id made URL-safe. */
export function exchangeDisputeKey(exchangeId: string): string {
  const m = LEGACY.exec(exchangeId);
  return m ? `${EXCHANGE_ID_PREFIX}-${m.slice(1).join('')}` : exchangeId;
}
