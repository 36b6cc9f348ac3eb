/** Saves a file the API answers (an export) under `file`, sent with the signed-in user's token. */
import { tokenStore } from './client';

export async function download(path: string, file: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${tokenStore.get()}` } });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  a.click();
  URL.revokeObjectURL(url);
}
