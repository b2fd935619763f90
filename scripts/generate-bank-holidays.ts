/**
 * Writes src/reference/bank-holidays.json, in GOV.UK's bank-holidays.json format, for 2018 to
 * 2028 from the rules that set UK bank holidays and the one-off changes made by proclamation.
 * `bin/wellwork bank-holidays load` refreshes an installation from GOV.UK's own file.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { addDays, toDayNumber } from '../src/domain/dates.ts';

type Event = { title: string; date: string; notes: string; bunting: boolean };

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const weekday = (date: string) => (((toDayNumber(date) + 3) % 7) + 7) % 7; // 0 Monday … 6 Sunday

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(y, month, day);
}

function firstMonday(y: number, m: number): string {
  let d = iso(y, m, 1);
  while (weekday(d) !== 0) d = addDays(d, 1);
  return d;
}

function lastMonday(y: number, m: number): string {
  let d = addDays(m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1), -1);
  while (weekday(d) !== 0) d = addDays(d, -1);
  return d;
}

/** A fixed-date holiday, moved to the next free weekday when it falls at a weekend. */
function substituted(events: Event[], title: string, date: string, bunting: boolean) {
  const taken = new Set(events.map((e) => e.date));
  if (weekday(date) < 5 && !taken.has(date)) {
    events.push({ title, date, notes: '', bunting });
    return;
  }
  let d = date;
  while (weekday(d) >= 5 || taken.has(d)) d = addDays(d, 1);
  events.push({ title, date: d, notes: 'Substitute day', bunting });
}

function year(y: number, division: 'england-and-wales' | 'scotland' | 'northern-ireland'): Event[] {
  const events: Event[] = [];
  substituted(events, 'New Year’s Day', iso(y, 1, 1), true);
  if (division === 'scotland') substituted(events, '2nd January', iso(y, 1, 2), true);
  if (division === 'northern-ireland') substituted(events, 'St Patrick’s Day', iso(y, 3, 17), true);
  const sunday = easter(y);
  events.push({ title: 'Good Friday', date: addDays(sunday, -2), notes: '', bunting: false });
  if (division !== 'scotland')
    events.push({ title: 'Easter Monday', date: addDays(sunday, 1), notes: '', bunting: true });
  if (y === 2020)
    events.push({ title: 'Early May bank holiday (VE day)', date: '2020-05-08', notes: '', bunting: true });
  else events.push({ title: 'Early May bank holiday', date: firstMonday(y, 5), notes: '', bunting: true });
  if (y === 2022) {
    events.push({ title: 'Spring bank holiday', date: '2022-06-02', notes: '', bunting: true });
    events.push({ title: 'Platinum Jubilee bank holiday', date: '2022-06-03', notes: '', bunting: true });
  } else events.push({ title: 'Spring bank holiday', date: lastMonday(y, 5), notes: '', bunting: true });
  if (y === 2023)
    events.push({
      title: 'Bank holiday for the coronation of King Charles III',
      date: '2023-05-08',
      notes: '',
      bunting: true,
    });
  if (division === 'northern-ireland')
    substituted(events, 'Battle of the Boyne (Orangemen’s Day)', iso(y, 7, 12), false);
  events.push({
    title: 'Summer bank holiday',
    date: division === 'scotland' ? firstMonday(y, 8) : lastMonday(y, 8),
    notes: '',
    bunting: true,
  });
  if (y === 2022)
    events.push({
      title: 'Bank Holiday for the State Funeral of Queen Elizabeth II',
      date: '2022-09-19',
      notes: '',
      bunting: false,
    });
  if (division === 'scotland') substituted(events, 'St Andrew’s Day', iso(y, 11, 30), true);
  // Christmas first, so Boxing Day's substitute follows it.
  const christmas = iso(y, 12, 25);
  const boxing = iso(y, 12, 26);
  if (weekday(christmas) === 5) {
    events.push({ title: 'Christmas Day', date: iso(y, 12, 27), notes: 'Substitute day', bunting: true });
    events.push({ title: 'Boxing Day', date: iso(y, 12, 28), notes: 'Substitute day', bunting: true });
  } else if (weekday(christmas) === 6) {
    events.push({ title: 'Christmas Day', date: iso(y, 12, 27), notes: 'Substitute day', bunting: true });
    events.push({ title: 'Boxing Day', date: boxing, notes: '', bunting: true });
  } else if (weekday(christmas) === 4) {
    events.push({ title: 'Christmas Day', date: christmas, notes: '', bunting: true });
    events.push({ title: 'Boxing Day', date: iso(y, 12, 28), notes: 'Substitute day', bunting: true });
  } else {
    events.push({ title: 'Christmas Day', date: christmas, notes: '', bunting: true });
    events.push({ title: 'Boxing Day', date: boxing, notes: '', bunting: true });
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : 1));
}

export function bankHolidayFeed(from = 2018, to = 2028) {
  const feed: Record<string, { division: string; events: Event[] }> = {};
  for (const division of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
    const events: Event[] = [];
    for (let y = from; y <= to; y++) events.push(...year(y, division));
    feed[division] = { division, events };
  }
  return feed;
}

if (process.argv[1] && import.meta.url.endsWith('generate-bank-holidays.ts')) {
  const target = fileURLToPath(new URL('../src/reference/bank-holidays.json', import.meta.url));
  await writeFile(target, `${JSON.stringify(bankHolidayFeed(), null, 2)}\n`);
}
