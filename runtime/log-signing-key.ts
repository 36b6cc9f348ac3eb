/**
 * The platform's SM2 key that signs the logs' daily checkpoints. Its file is
 * AUDIT_SIGNING_KEY (a PKCS#8 PEM); outside production, a key is made once in
 * the data folder when that file does not exist yet (readable by its owner only).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keyIdOf } from '../db/audit/log-chain-repository';

export interface LogSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SM3 of the public key: what a checkpoint names, and what auditors compare. */
  keyId: string;
  /** The public key as PEM, shown to auditors so they can check a checkpoint themselves. */
  publicKeyPem: string;
}

export function loadLogSigningKey(file: string, options: { create: boolean }): LogSigningKey {
  if (!fs.existsSync(file)) {
    if (!options.create) throw new Error(`AUDIT_SIGNING_KEY: no key file at ${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const draft = `${file}.${process.pid}.draft`;
    fs.writeFileSync(draft, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      fs.linkSync(draft, file); // the first process to get here wins; the others read its key
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
