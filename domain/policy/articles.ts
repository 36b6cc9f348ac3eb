/** Article citations as users read them: 第二十三条. */
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
