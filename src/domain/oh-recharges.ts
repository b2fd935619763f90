/**
 * The recharge statement of an OH service to a client for a period (SPEC §6.1), and the rows of
 * the `oh-recharges` report (SPEC §7).
 *
 * - One fee line per contract whose dates meet the period: annual fee × (days of the period within
 *   the contract's dates) ÷ 365.
 * - One line per appointment dated in the period, charged under the client's contract in force on
 *   its date: attended at the contract's price for its service (the catalogue's where the contract
 *   names none); did not attend, or cancelled fewer working days before it than the contract's
 *   cancellation notice, at that price × the contract's non-attendance charge %. Cancelled in time,
 *   or still booked: no line. The appointments of a pre-employment assessment are not charged.
 * - One line per pre-employment assessment completed in the period, at the price of its service
 *   under the contract in force on the day it was completed.
 *
 * Money and percentages are decimal strings (as a `numeric` column or a CSV cell gives them) and
 * are worked exactly, in whole numbers; each line is rounded to the penny, half up, and the total
 * is the sum of the rounded lines.
 */
import { compareDates, daysInclusive, earlierOf, laterOf } from './dates.ts';
import { workingDaysAfter } from './working-days.ts';
import { today } from './today.ts';

/** A client's contract with the OH service, as far as its charges go. */
export interface RechargeContract {
  reference: string;
  startsOn: string;
  /** The last day of the contract; null when it has no end. */
  endsOn: string | null;
  /** Pounds a year, e.g. `7500` or `7500.00`. */
  annualFeeGbp: string;
  /** The contract's prices by service code, in pounds, overriding the catalogue's. */
  prices: ReadonlyMap<string, string>;
  /** The non-attendance charge as a percentage of the price, e.g. `50` or `62.5`. */
  nonAttendancePct: string;
  /** The cancellation notice in working days. */
  cancellationNoticeDays: number;
}

export type RechargeAppointmentStatus = 'booked' | 'attended' | 'did_not_attend' | 'cancelled';

export interface RechargeAppointment {
  caseReference: string;
  /** The day of the appointment. */
  date: string;
  /** The service's catalogue code. */
  service: string;
  status: RechargeAppointmentStatus;
  /**
   * When it was cancelled: an instant (its day in the UK counts) or a date; required when
   * cancelled.
   */
  cancelledAt?: string | null;
  /** An appointment of a pre-employment assessment, which is charged as a whole instead. */
  preEmployment?: boolean;
}

export interface PreEmploymentCompletion {
  caseReference: string;
  /** The service's catalogue code. */
  service: string;
  /** The day it was cleared (`report_released_on` in a history file). */
  completedOn: string;
}

export interface RechargeInput {
  /** The client organisation's slug. */
  client: string;
  contracts: readonly RechargeContract[];
  /** The catalogue's prices by service code, in pounds. */
  catalogue: ReadonlyMap<string, string>;
  appointments: readonly RechargeAppointment[];
  preEmployment: readonly PreEmploymentCompletion[];
  /** The period, both days included. */
  from: string;
  to: string;
  /** The bank holidays of the provider's region. */
  bankHolidays: ReadonlySet<string>;
}

export type RechargeLineKind = 'fee' | 'appointment' | 'non_attendance' | 'pre_employment';

export interface RechargeLine {
  client: string;
  line: RechargeLineKind;
  /** A fee line's first day counted; an appointment's day; the day an assessment was completed. */
  date: string;
  /** Empty for a fee line. */
  caseReference: string;
  /** Empty for a fee line. */
  service: string;
  contractReference: string;
  /** The amount, rounded to the penny, in pence. */
  pence: number;
}

export interface RechargeStatement {
  client: string;
  from: string;
  to: string;
  lines: RechargeLine[];
  /** The sum of the rounded lines, in pence. */
  totalPence: number;
}

/** Why a statement cannot be made: something charged that no contract or price covers. */
export interface RechargeProblem {
  caseReference: string;
  date: string;
  service: string;
  message: string;
}

export type RechargeResult =
  { ok: true; statement: RechargeStatement } | { ok: false; problems: RechargeProblem[] };

/** An exact amount: `units` ÷ 10^`places`. */
interface Decimal {
  units: bigint;
  places: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function decimal(text: string, what: string): Decimal {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`${what} is not a decimal of no less than 0: "${text}"`);
  const fraction = match[2] ?? '';
  return { units: BigInt(`${match[1] ?? ''}${fraction}`), places: fraction.length };
}

const TEN = 10n;

/** numerator ÷ denominator (both ≥ 0, denominator > 0) rounded to a whole number, half up. */
function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** Pounds × `times` ÷ `over`, in pence rounded half up. */
function pence(pounds: Decimal, times: bigint, over: bigint): number {
  return roundHalfUp(pounds.units * 100n * times, TEN ** BigInt(pounds.places) * over);
}

/** Annual fee × days ÷ 365, in pence rounded half up. */
export function feePence(annualFeeGbp: string, days: number): number {
  return pence(decimal(annualFeeGbp, 'The annual fee'), BigInt(days), 365n);
}

/** A price in pence rounded half up. */
export function pricePence(priceGbp: string): number {
  return pence(decimal(priceGbp, 'The price'), 1n, 1n);
}

/** Price × percentage ÷ 100, in pence rounded half up. */
export function nonAttendancePence(priceGbp: string, percentage: string): number {
  const pct = decimal(percentage, 'The non-attendance charge');
  return pence(decimal(priceGbp, 'The price'), pct.units, 100n * TEN ** BigInt(pct.places));
}

/** Pence as pounds with two decimal places, e.g. 187500 → `1875.00`. */
export function formatPence(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const whole = Math.abs(amount);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** The day of a cancellation in the UK, from an instant or a date. */
function cancelledOn(cancelledAt: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(cancelledAt) ? cancelledAt : today(new Date(cancelledAt));
}

/**
 * Whether a cancellation is late: made fewer working days before the appointment than the notice
 * (the working days after the day of cancelling up to and including the appointment's day).
 */
export function isLateCancellation(
  cancelledAt: string,
  appointmentDate: string,
  noticeDays: number,
  bankHolidays: ReadonlySet<string>,
): boolean {
  return workingDaysAfter(cancelledOn(cancelledAt), appointmentDate, bankHolidays) < noticeDays;
}

const inForce = (contract: RechargeContract, date: string) =>
  contract.startsOn <= date && (contract.endsOn === null || date <= contract.endsOn);

const within = (date: string, from: string, to: string) => from <= date && date <= to;

/** Text in code-point order, the same on every machine. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const KIND_ORDER: Record<RechargeLineKind, number> = {
  fee: 0,
  appointment: 1,
  non_attendance: 1,
  pre_employment: 1,
};

/** Fee lines first, by their first day, then the charges by day, case, kind and service. */
function compareLines(a: RechargeLine, b: RechargeLine): number {
  return (
    KIND_ORDER[a.line] - KIND_ORDER[b.line] ||
    compareDates(a.date, b.date) ||
    byText(a.caseReference, b.caseReference) ||
    byText(a.line, b.line) ||
    byText(a.service, b.service) ||
    byText(a.contractReference, b.contractReference) ||
    a.pence - b.pence
  );
}

/** The recharge statement of one client for the period, or every reason it cannot be made. */
export function rechargeStatement(input: RechargeInput): RechargeResult {
  const { client, from, to } = input;
  const lines: RechargeLine[] = [];
  const problems: RechargeProblem[] = [];

  for (const contract of input.contracts) {
    const first = laterOf(from, contract.startsOn);
    const last = contract.endsOn === null ? to : earlierOf(to, contract.endsOn);
    const days = daysInclusive(first, last);
    if (days <= 0) continue;
    lines.push({
      client,
      line: 'fee',
      date: first,
      caseReference: '',
      service: '',
      contractReference: contract.reference,
      pence: feePence(contract.annualFeeGbp, days),
    });
  }

  /** The contract in force on the day and its price for the service, or the problem. */
  const priced = (caseReference: string, date: string, service: string) => {
    const problem = (message: string) => {
      problems.push({ caseReference, date, service, message });
      return undefined;
    };
    const contracts = input.contracts.filter((c) => inForce(c, date));
    const [contract] = contracts;
    if (!contract) return problem(`No contract with ${client} is in force on ${date}.`);
    if (contracts.length > 1) {
      return problem(
        `More than one contract with ${client} is in force on ${date}: ${contracts.map((c) => c.reference).join(', ')}.`,
      );
    }
    const price = contract.prices.get(service) ?? input.catalogue.get(service);
    if (price === undefined)
      return problem(`Neither contract ${contract.reference} nor the catalogue prices ${service}.`);
    return { contract, price };
  };

  for (const appointment of input.appointments) {
    const { caseReference, date, service, status } = appointment;
    if (appointment.preEmployment || status === 'booked' || !within(date, from, to)) continue;
    const charge = priced(caseReference, date, service);
    if (!charge) continue;
    const { contract, price } = charge;
    const line = { client, date, caseReference, service, contractReference: contract.reference };
    if (status === 'attended') {
      lines.push({ ...line, line: 'appointment', pence: pricePence(price) });
      continue;
    }
    if (status === 'cancelled') {
      if (!appointment.cancelledAt) {
        problems.push({
          caseReference,
          date,
          service,
          message: 'A cancelled appointment has no date of cancelling.',
        });
        continue;
      }
      if (
        !isLateCancellation(
          appointment.cancelledAt,
          date,
          contract.cancellationNoticeDays,
          input.bankHolidays,
        )
      ) {
        continue;
      }
    }
    lines.push({
      ...line,
      line: 'non_attendance',
      pence: nonAttendancePence(price, contract.nonAttendancePct),
    });
  }

  for (const assessment of input.preEmployment) {
    const { caseReference, service, completedOn } = assessment;
    if (!within(completedOn, from, to)) continue;
    const charge = priced(caseReference, completedOn, service);
    if (!charge) continue;
    lines.push({
      client,
      line: 'pre_employment',
      date: completedOn,
      caseReference,
      service,
      contractReference: charge.contract.reference,
      pence: pricePence(charge.price),
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  lines.sort(compareLines);
  const totalPence = lines.reduce((sum, line) => sum + line.pence, 0);
  return { ok: true, statement: { client, from, to, lines, totalPence } };
}

/** The columns of the `oh-recharges` report, in order (SPEC §7). */
export const RECHARGE_COLUMNS = [
  'client',
  'line',
  'date',
  'case_reference',
  'service',
  'amount_gbp',
] as const;
export type RechargeColumn = (typeof RECHARGE_COLUMNS)[number];
export type RechargeRow = Record<RechargeColumn, string>;

/**
 * The rows of the `oh-recharges` report: each client's lines (clients in order of slug) and after
 * them the client's `TOTAL`.
 */
export function rechargeRows(statements: readonly RechargeStatement[]): RechargeRow[] {
  const ordered = [...statements].sort((a, b) => byText(a.client, b.client));
  return ordered.flatMap((statement) => [
    ...statement.lines.map((line) => ({
      client: statement.client,
      line: line.line,
      date: line.date,
      case_reference: line.caseReference,
      service: line.service,
      amount_gbp: formatPence(line.pence),
    })),
    {
      client: statement.client,
      line: 'TOTAL',
      date: '',
      case_reference: '',
      service: '',
      amount_gbp: formatPence(statement.totalPence),
    },
  ]);
}
