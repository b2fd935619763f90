import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { loadSealingKey, sealer, SealingError } from './sealing.ts';

describe('sealing secrets', () => {
  const seal = sealer(randomBytes(32));

  it('opens what it sealed, for the same purpose, and never shows the value in the sealed text', () => {
    const sealed = seal.seal('JBSWY3DPEHPK3PXP', 'authenticator:7');
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
    assert.equal(seal.open(sealed, 'authenticator:7'), 'JBSWY3DPEHPK3PXP');
    assert.notEqual(seal.seal('same', 'x'), seal.seal('same', 'x'), 'each sealing is fresh');
  });

  it('fails closed: another purpose, another key, a changed byte or a strange form', () => {
    const sealed = seal.seal('secret', 'authenticator:7');
    assert.throws(() => seal.open(sealed, 'authenticator:8'), SealingError);
    assert.throws(() => sealer(randomBytes(32)).open(sealed, 'authenticator:7'), SealingError);
    const parts = sealed.split('.');
    const last = parts[3] ?? '';
    const flipped = `${last.slice(0, -1)}${last.endsWith('A') ? 'B' : 'A'}`;
    assert.throws(
      () => seal.open([...parts.slice(0, 3), flipped].join('.'), 'authenticator:7'),
      SealingError,
    );
    assert.throws(() => seal.open('not sealed', 'authenticator:7'), SealingError);
    assert.throws(() => sealer(randomBytes(16)), SealingError);
  });

  it('keeps its key in a file only its owner reads, made once and then reused', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'wellwork-sealing-'));
    try {
      const first = loadSealingKey({ key: null, dataDir });
      assert.equal(first.length, 32);
      assert.equal(statSync(path.join(dataDir, 'sealing.key')).mode & 0o777, 0o600);
      assert.deepEqual(loadSealingKey({ key: null, dataDir }), first);
      const given = randomBytes(32);
      assert.deepEqual(loadSealingKey({ key: given.toString('base64'), dataDir }), given);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
