import { ABSENCE_TYPE_NAMES, type AbsenceType } from '../../domain/absence-rules.ts';
import { addDays, daysInclusive } from '../../domain/dates.ts';

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
      return {
        name: `${person.first_name} ${person.last_name}`,
        cells: days.map((d) => {
          const absence = own.find((a) => a.startDate <= d && (a.endDate === null || a.endDate >= d));
          const type = absence ? (absence.type as AbsenceType) : null;
          return {
            date: d,
            type,
            label: type ? ABSENCE_TYPE_NAMES[type] : null,
            code: type === 'sickness' ? 'S' : type === 'annual_leave' ? 'L' : type ? 'O' : '',
          };
        }),
      };
    }),
  };
}
