/** Dates as users read them, always in Asia/Shanghai: 2026年10月9日 17:00, or 9 Oct 2026, 17:00. */
import dayjs, { type Dayjs } from 'dayjs';
import type { Lang } from './i18n/messages';

/**
 * Today in Asia/Shanghai, as a day for the date pickers, whatever the browser's
 * time zone: an official abroad, or a laptop left on UTC, still sees the
 * platform's today (the API checks dates against it).
 */
export function shanghaiToday(): Dayjs {
  return dayjs(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
}

export function formatInstant(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (lang === 'zh') {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(d)
        .map((x) => [x.type, x.value]),
    );
    return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
  }
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

/** A day as users read it, in Asia/Shanghai: 2026年10月9日, or 9 Oct 2026. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: lang === 'zh' ? 'long' : 'medium',
  }).format(new Date(iso));
}

/** A duration in hours as people say it: minutes under an hour, hours (one decimal) under two days, else days. */
export function duration(hours: number, lang: 'zh' | 'en'): string {
  if (hours < 1) {
    const m = Math.max(1, Math.round(hours * 60));
    return lang === 'zh' ? `${m}分钟` : `${m} min`;
  }
  if (hours < 48) return lang === 'zh' ? `${hours.toFixed(1)}小时` : `${hours.toFixed(1)} h`;
  const d = (hours / 24).toFixed(1);
  return lang === 'zh' ? `${d}天` : `${d} days`;
}
