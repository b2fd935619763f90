import { ABSENCE_TYPE_NAMES, type AbsenceType } from '../../domain/absence-rules.ts';
import { ukDate } from '../../domain/date-words.ts';
import { addDays, daysInclusive } from '../../domain/dates.ts';
import { codeWords, reasonWords } from '../../domain/labels.ts';
import { escapeHtml } from '../../web/nunjucks.ts';
import { FIT_NOTE_ADVICE, type FitNoteAdvice } from './absence-form.ts';
import type { FitNoteNeeded } from './absence-service.ts';

interface AbsenceLike {
  id: number;
  personId: number;
  type: string;
  startDate: string;
  endDate: string | null;
}

/**
 * Annual leave given back because sickness fell within it: for each leave, the calendar days
 * that sickness overlaps (the sickness stands; the leave gives way).
 */
export function reinstatedLeave(absences: readonly AbsenceLike[]) {
  const sickness = absences.filter((a) => a.type === 'sickness');
  const result: { leaveStart: string; leaveEnd: string | null; from: string; to: string; days: number }[] =
    [];
  for (const leave of absences.filter((a) => a.type === 'annual_leave')) {
    const leaveEnd = leave.endDate ?? '9999-12-31';
    for (const s of sickness) {
      const from = s.startDate > leave.startDate ? s.startDate : leave.startDate;
      const sEnd = s.endDate ?? '9999-12-31';
      const to = sEnd < leaveEnd ? sEnd : leaveEnd;
      if (from <= to && to !== '9999-12-31') {
        result.push({
          leaveStart: leave.startDate,
          leaveEnd: leave.endDate,
          from,
          to,
          days: daysInclusive(from, to),
        });
      }
    }
  }
  return result;
}

/** A month's calendar for a team: one row per person, one cell per day, marked when absent. */
/**
 * A calendar row's day cells as HTML. A team's month is a cell per person per day, and written
 * here rather than looped over in the template it renders many times faster.
 */
export function calendarCellsHtml(cells: readonly { code: string; label: string | null }[]): string {
  return cells
    .map((c) =>
      c.code
        ? `<td class="govuk-table__cell app-calendar__cell app-calendar__cell--${escapeHtml(c.code)}"><abbr title="${escapeHtml(c.label ?? '')}">${escapeHtml(c.code)}</abbr></td>`
        : '<td class="govuk-table__cell app-calendar__cell"></td>',
    )
    .join('');
}

export function teamCalendar(
  month: string,
  team: readonly { id: number; first_name: string; last_name: string }[],
  absences: readonly AbsenceLike[],
) {
  const first = `${month}-01`;
  const days: string[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  const last = days.at(-1) ?? first;
  return {
    days: days.map((d) => ({ date: d, day: Number(d.slice(8, 10)) })),
    rows: team.map((person) => {
      const own = absences.filter(
        (a) => a.personId === person.id && a.startDate <= last && (a.endDate === null || a.endDate >= first),
      );
      const cells = days.map((d) => {
        const absence = own.find((a) => a.startDate <= d && (a.endDate === null || a.endDate >= d));
        const type = absence ? (absence.type as AbsenceType) : null;
        return {
          date: d,
          type,
          label: type ? ABSENCE_TYPE_NAMES[type] : null,
          code: type === 'sickness' ? 'S' : type === 'annual_leave' ? 'L' : type ? 'O' : '',
        };
      });
      return { name: `${person.first_name} ${person.last_name}`, cells, cellsHtml: calendarCellsHtml(cells) };
    }),
  };
}

const FIELD_LABELS: Record<string, string> = {
  type: 'Kind of absence',
  startDate: 'First day',
  endDate: 'Last day',
  reasonCode: 'Reason',
  workRelated: 'Work related',
  firstDayHours: 'Hours missed on the first day',
  certification: 'Certification',
  fitNoteFrom: 'Fit note from',
  fitNoteTo: 'Fit note to',
  fitNoteMayBeFit: 'May be fit for work',
  fitNoteAdvice: 'Fit note advice',
  disabilityRelated: 'Disability related',
  notes: 'Notes',
};

const DATE_FIELDS = new Set(['startDate', 'endDate', 'fitNoteFrom', 'fitNoteTo']);

const adviceWords = (code: unknown) =>
  Object.hasOwn(FIT_NOTE_ADVICE, String(code)) ? FIT_NOTE_ADVICE[code as FitNoteAdvice] : String(code);

function inWords(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return field === 'endDate' ? 'open' : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((v) => (field === 'fitNoteAdvice' ? adviceWords(v) : String(v))).join(', ');
  }
  if (typeof value === 'string') {
    if (field === 'type') return codeWords('absenceType', value);
    if (field === 'certification') return codeWords('certification', value);
    if (field === 'reasonCode') return reasonWords(value);
    if (DATE_FIELDS.has(field)) return ukDate(value);
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** What a history entry changed, in words: "Last day: open → 2 September 2026". */
export function describeChange(action: string, changes: unknown): string[] {
  if (action === 'recorded' || typeof changes !== 'object' || changes === null) return [];
  return Object.entries(changes as Record<string, unknown>).map(([field, change]) => {
    const label = FIELD_LABELS[field] ?? field;
    if (typeof change === 'object' && change !== null && 'from' in change && 'to' in change) {
      const { from, to } = change;
      return `${label}: ${inWords(field, from)} → ${inWords(field, to)}`;
    }
    return `${label}: ${inWords(field, change)}`;
  });
}

/**
 * What a manager reads about a fit note still needed: "Sick since 4 July 2026 (69 days), with
 * no fit note recorded", or which days the fit note on record leaves uncovered.
 */
export function fitNoteNeededText(f: FitNoteNeeded, today: string): string {
  const sick =
    f.end_date === null
      ? `Sick since ${ukDate(f.start_date)} (${f.days} days)`
      : `Sick from ${ukDate(f.start_date)} to ${ukDate(f.end_date)} (${f.days} days)`;
  if (!f.missing.hasFitNote) return `${sick}, with no fit note recorded`;
  if (f.end_date === null && f.missing.to === today) {
    return `${sick}: the fit note ended on ${ukDate(addDays(f.missing.from, -1))}`;
  }
  const days =
    f.missing.from === f.missing.to
      ? ukDate(f.missing.from)
      : `${ukDate(f.missing.from)} to ${ukDate(f.missing.to)}`;
  return `${sick}: no fit note covers ${days}`;
}
