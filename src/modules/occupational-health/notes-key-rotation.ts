/**
 * `bin/wellwork oh rotate-key`: every clinical note re-sealed with a new OH notes key, in one
 * transaction. Each note keeps the id of the key that sealed it, so a rotation cut short (a
 * crash, a lost connection) is run again safely: it re-seals only what the new key has not.
 *
 * With the embedded default (the key file `oh-notes.key` in the data directory) the new key is
 * first written beside it as `oh-notes.key.new`, which a rerun takes up again, and put in the old
 * one's place once the notes are re-sealed. With OH_NOTES_KEY, the new key is given to the
 * operator to set in its place (and given back with --new-key should the rotation be cut short).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { sealingKey, type SealingKey } from '../../sealing.ts';
import { resealNotes } from './notes-repository.ts';

export const NOTES_KEY_FILE = 'oh-notes.key';
export const PENDING_KEY_FILE = 'oh-notes.key.new';

export class RotationError extends Error {}

/** A key given as base64, which must be 32 bytes. */
export function parseNotesKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64') !== text.trim()) {
    throw new RotationError(
      `${where} must be 32 bytes, base64-encoded (as \`openssl rand -base64 32\` gives)`,
    );
  }
  return key;
}

/** The new key of a rotation of the key file: the one a cut-short rotation left, or a new one. */
function pendingKeyFile(dataDir: string): { key: Buffer; resumed: boolean } {
  const file = path.join(dataDir, PENDING_KEY_FILE);
  try {
    return { key: parseNotesKey(readFileSync(file, 'utf8'), file), resumed: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, resumed: false };
}

export type RotationPlan =
  | { kind: 'file'; dataDir: string; next: SealingKey; resumed: boolean }
  | { kind: 'environment'; next: SealingKey; nextKey: string };

/**
 * Where the new key comes from and goes: the key file's pending key, or (with OH_NOTES_KEY) the
 * key given with --new-key or a new one. Nothing is re-sealed yet.
 */
export function planRotation(
  settings: Config['ohNotes'],
  current: SealingKey,
  givenKey: string | undefined,
): RotationPlan {
  if (settings.key === null) {
    if (givenKey !== undefined) {
      throw new RotationError(
        '--new-key is for an installation whose key is OH_NOTES_KEY; this one keeps its key in oh-notes.key, which the rotation replaces itself.',
      );
    }
    if (settings.dataDir === null) {
      throw new RotationError(
        'WELLWORK_DATA_DIR is :memory:, whose OH notes key lasts only as long as its process: there is no key to rotate.',
      );
    }
    const { key, resumed } = pendingKeyFile(settings.dataDir);
    return { kind: 'file', dataDir: settings.dataDir, next: sealingKey(key), resumed };
  }
  const key = givenKey === undefined ? randomBytes(32) : parseNotesKey(givenKey, '--new-key');
  const next = sealingKey(key);
  if (next.id === current.id)
    throw new RotationError('--new-key is the current OH notes key; give a new one.');
  return { kind: 'environment', next, nextKey: key.toString('base64') };
}

/** Re-seals every note not yet sealed with the plan's key, in one transaction; then puts a key file in place. */
export async function carryOutRotation(
  database: Database,
  current: SealingKey,
  plan: RotationPlan,
): Promise<number> {
  const resealed = await database.transaction((db) => resealNotes(db, current, plan.next));
  if (plan.kind === 'file') {
    renameSync(path.join(plan.dataDir, PENDING_KEY_FILE), path.join(plan.dataDir, NOTES_KEY_FILE));
  }
  return resealed;
}
