/**
 * The fuzzing's own parts (src/testing/fuzzing.ts): rows are counted again whenever a
 * transaction may have written, so a refused request that writes is still caught, and addresses
 * are encoded as a careless client would.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { encode, rowCounter, transactionEnded } from './fuzzing.ts';
import { openTestServices } from './test-services.ts';

/** A row counter, and the count it gives of a new table's rows. */
async function counterOnNewTable(table: string) {
  const { database } = await openTestServices();
  await database.system.execute(sql.raw(`create table ${table} (id integer)`));
  const counter = await rowCounter(database);
  const rows = async () => {
    const { counted, counts } = await counter();
    return { counted, rows: counts.get(table) };
  };
  return { database, rows };
}

test('rows are counted again after a write, committed or rolled back, and not after a read', async () => {
  const TABLE = 'fuzz_row_counter_check';
  const { database, rows } = await counterOnNewTable(TABLE);
  assert.deepEqual(await rows(), { counted: true, rows: 0 });

  // On PostgreSQL other test files' transactions end at any moment, and the rows are then
  // counted again: a read is tried until one is seen alone.
  let readAlone = false;
  for (let attempt = 0; attempt < 50 && !readAlone; attempt++) {
    await rows();
    await database.system.execute(sql.raw(`select count(*) from ${TABLE}`));
    const after = await rows();
    assert.equal(after.rows, 0);
    readAlone = !after.counted;
  }
  assert.ok(readAlone, 'a read made the rows be counted again every time');

  await database.system.execute(sql.raw(`insert into ${TABLE} values (1)`));
  assert.deepEqual(await rows(), { counted: true, rows: 1 });

  await database.system.execute(sql.raw(`delete from ${TABLE}`));
  assert.deepEqual(await rows(), { counted: true, rows: 0 });

  await assert.rejects(
    database.transaction(async (tx) => {
      await tx.execute(sql.raw(`insert into ${TABLE} values (2)`));
      throw new Error('rolled back');
    }),
    /rolled back/,
  );
  assert.deepEqual((await rows()).rows, 0);
});

test(
  'a write whose transaction began before the count and ended after it is counted',
  { skip: !process.env.TEST_DATABASE_URL && 'the embedded database runs one transaction at a time' },
  async () => {
    const TABLE = 'fuzz_row_counter_in_progress';
    const { database, rows } = await counterOnNewTable(TABLE);
    let end = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    let began = () => {};
    const written = new Promise<void>((resolve) => (began = resolve));
    // The older transaction writes and waits; a younger one writes and ends first, so the
    // snapshot's first id not yet ended is past the older one's even before it ends.
    const older = database.transaction(async (tx) => {
      await tx.execute(sql.raw(`insert into ${TABLE} values (1)`));
      began();
      await ended;
    });
    await written;
    await database.system.execute(sql.raw(`insert into ${TABLE} values (2)`));
    assert.deepEqual(await rows(), { counted: true, rows: 1 });
    end();
    await older;
    assert.deepEqual(await rows(), { counted: true, rows: 2 });
  },
);

test('a transaction has ended when the first id not yet ended moves on, or one in progress ends', () => {
  const snapshot = (xmax: bigint, ...inProgress: bigint[]) => ({ xmax, inProgress: new Set(inProgress) });
  assert.equal(transactionEnded(snapshot(10n), snapshot(10n)), false);
  assert.equal(transactionEnded(snapshot(10n, 7n), snapshot(10n, 7n)), false);
  assert.equal(transactionEnded(snapshot(10n), snapshot(11n)), true);
  assert.equal(transactionEnded(snapshot(10n, 7n), snapshot(10n)), true);
  assert.equal(transactionEnded(snapshot(10n, 7n, 8n), snapshot(10n, 8n)), true);
});

test('addresses are percent-encoded, a lone surrogate as its WTF-8 bytes', () => {
  assert.equal(encode('a b/ب'), 'a%20b%2F%D8%A8');
  assert.equal(encode('👩🏽'), encodeURIComponent('👩🏽'));
  assert.equal(encode('a\uD83Db'), 'a%ED%A0%BDb');
  assert.equal(encode('\uDFFF\uD83D\uDE00\uD800'), '%ED%BF%BF%F0%9F%98%80%ED%A0%80');
  const long = 'ب'.repeat(70_000);
  assert.equal(encode(`${long}\uD800`), `${encodeURIComponent(long)}%ED%A0%80`);
});
