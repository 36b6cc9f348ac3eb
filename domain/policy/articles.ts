/** Article citations as users read them: 第二十三条, and where a deadline's number comes from. */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals: 9 → 九, 10 → 十, 23 → 二十三, 30 → 三十. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function articleLabel(article: number, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'zh' ? `第${chineseNumber(article)}条` : `Art. ${article}`;
}

/**
 * Where a deadline's number comes from, as users read it: the article only
 * when the measures set the number (第二十三条); the higher rule when a
 * national rule sets it (国发〔2016〕51号第十三条); otherwise a platform default
 * awaiting the city's confirmation, never the article's.
 */
export function citationLabel(c: { article: number; basis: string; source?: string }): {
  zh: string;
  en: string;
} {
  if (c.basis === 'measures') return { zh: articleLabel(c.article), en: articleLabel(c.article, 'en') };
  if (c.basis === 'national')
    return c.source
      ? { zh: c.source, en: `${c.source} (national rule)` }
      : { zh: '国家规定', en: 'National rule' };
  return { zh: '平台默认(待市政府确认)', en: 'Platform default (to be confirmed by the city)' };
}
