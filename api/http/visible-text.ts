/**
 * Every text field must hold something a person can read. A purpose, a
 * reason or an answer of zero-width characters (U+200B, U+2060…) is as empty
 * as a blank one, and a lone UTF-16 surrogate is not text at all; both are
 * refused at the edge with a 400 naming the field, before anything is stored.
 */

import { hasVisibleText } from '../../domain/text/visible';

export interface TextProblem {
  path: string;
  message: string;
}

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** The string fields of a parsed body or query that hold no visible character, or are not well-formed text. */
export function textProblems(value: unknown, path = ''): TextProblem[] {
  if (typeof value === 'string') {
    if (!wellFormed(value)) return [{ path, message: 'contains a lone surrogate: not well-formed text' }];
    // Plain whitespace is left to each field's own rule (trimmed; required or not).
    if (!hasVisibleText(value) && !/^\s*$/.test(value))
      return [{ path, message: 'holds no visible characters' }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => textProblems(v, join(path, i)));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...(wellFormed(k) ? [] : [{ path: join(path, k), message: 'has a key that is not well-formed text' }]),
      ...textProblems(v, join(path, k)),
    ]);
  return [];
}

/** Refuses a body that is not UTF-8 (express.json's `verify`), instead of storing U+FFFD in its place. */
export function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}
