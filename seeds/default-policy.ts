/** Registers the default policy document (the Panzhihua measures) as a policy version. */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { PolicyDocumentSchema, policyKey, type PolicyDocument } from '../domain/policy/policy-document';
import type { Db } from '../db/connection';
import { savePolicyVersion } from '../db/policy-repository';

export const DEFAULT_POLICY_FILE = path.join(__dirname, '..', 'domain', 'policy', 'panzhihua-2019.yaml');

export function loadPolicyFile(file: string): PolicyDocument {
  return PolicyDocumentSchema.parse(YAML.parse(fs.readFileSync(file, 'utf8')));
}

export async function seedDefaultPolicy(db: Db): Promise<string> {
  return savePolicyVersion(db, loadPolicyFile(DEFAULT_POLICY_FILE));
}

/** The key (id@version) the default document is stored under, for fixtures that file tasks under it. */
export function defaultPolicyKey(): string {
  return policyKey(loadPolicyFile(DEFAULT_POLICY_FILE));
}
