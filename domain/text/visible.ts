/**
 * What makes text readable: at least one letter, digit, punctuation mark or
 * symbol. A reason of zero-width characters (U+200B, U+2060…) or blanks says
 * nothing. Pure, so the API's edge and the workflows' validators (which a
 * caller reaching Temporal directly meets) apply the same rule.
 */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export function hasVisibleText(s: string | null | undefined): boolean {
  return typeof s === 'string' && VISIBLE.test(s);
}
