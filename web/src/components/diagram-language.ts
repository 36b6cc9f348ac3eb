/**
 * The diagrams name each element in Chinese, then English: "提供部门审核 Provider
 * review (art. 23)". The reader sees the part in their language only.
 */
import type { Lang } from '../i18n/messages';

/** Chinese up to its last CJK character (and a question mark after it), then the English. */
const BILINGUAL = /^(.*[\u3000-\u9fff\uff00-\uffef][??)]*)\s+([A-Za-z(].*)$/s;

export function nameIn(name: string, lang: Lang): string {
  const m = BILINGUAL.exec(name.trim());
  if (!m) return name;
  return lang === 'zh' ? m[1] : m[2];
}

/** The diagram's XML with every element's name in `lang`. */
export function diagramIn(xml: string, lang: Lang): string {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const el of Array.from(doc.querySelectorAll('[name]'))) {
    el.setAttribute('name', nameIn(el.getAttribute('name') ?? '', lang));
  }
  return new XMLSerializer().serializeToString(doc);
}
