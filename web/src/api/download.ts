/**
 * Saves a file the API answers (an export), sent with the signed-in user's
 * token, under the name the API gives it (e.g. sla-breaches-2026-12-03.csv, 公函.pdf),
 * else under `file`.
 */
import { tokenStore } from './client';

export async function download(path: string, file: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${tokenStore.get()}` } });
  const disposition = res.headers.get('Content-Disposition') ?? '';
  // A name in any script comes as filename*=UTF-8''…; the plain filename= is its ASCII stand-in.
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const named = encoded ? decodeURIComponent(encoded) : /filename="([^"]+)"/.exec(disposition)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = named ?? file;
  a.click();
  URL.revokeObjectURL(url);
}
