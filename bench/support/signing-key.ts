/** A log-signing key in a temporary folder, for the govshare processes a benchmark starts (AUDIT_SIGNING_KEY). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLogSigningKey } from '../../runtime/log-signing-key';

export function temporarySigningKey(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-bench-'));
  const file = path.join(dir, 'log-signing-key.pem');
  loadLogSigningKey(file, { create: true });
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
