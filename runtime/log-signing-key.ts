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
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(fs.readFileSync(file));
  } catch (err) {
    throw new Error(
      `AUDIT_SIGNING_KEY: ${file} is not a readable private key (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** For process entry points: a missing or unreadable key stops the start with one line, not a 500 on the first verify. */
export function loadLogSigningKeyOrExit(file: string, options: { create: boolean }): LogSigningKey {
  try {
    return loadLogSigningKey(file, options);
  } catch (err) {
    process.stderr.write(`Invalid configuration: ${(err as Error).message}\n`);
    process.exit(78);
  }
}
