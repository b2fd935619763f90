/**
 * Funnel plots: judging each unit's absence rate fairly for its size (SPEC §4D, hotspots).
 *
 * A unit's absence rate is compared with the organisation's rate `p` (a proportion of hours).
 * If every unit had the organisation's underlying rate, a unit's observed rate would still
 * scatter around `p`, more widely the smaller the unit. The control limits
 *
 *     p ± z · √( p (1 − p) / n )
 *
 * (the normal approximation to the binomial) mark how far chance alone plausibly takes it:
 * z = 1.96 for about 95% of units and z = 3.09 for about 99.8%. A unit outside the 99.8% limits
 * is very unlikely to be there by chance.
 *
 * **The unit of `n`.** The binomial model needs `n` independent "trials", each absent or not.
 * We count them in standard days (hours available ÷ (F / 5), F the organisation's full-time
 * weekly hours): a day is the natural trial, since people are off sick for whole days and the
 * hours within one day are not independent of each other. Counting hours instead would make `n`
 * 7–8 times larger and the limits √7.4 ≈ 2.7 times narrower, flagging units as unusual when their
 * difference is ordinary chance. Even days are not fully independent (one long absence takes
 * many days in a row), so the limits are a screen for where to look, not a verdict.
 *
 * **Over-dispersion.** Because absence comes in spells, units' rates scatter more widely than
 * independent days would: a one-person team with no sickness all year is ordinary, yet by the
 * day count alone its 0% would lie far below the lower limit. Following Spiegelhalter (2005,
 * "Handling over-dispersion of performance indicators") the spread is measured from the units
 * themselves: each unit's z-score (rate − p) / √(p(1 − p)/n) is winsorised at the 10th and 90th
 * percentiles and the over-dispersion factor φ is the mean of their squares. When φ > 1 the
 * limits widen to p ± z · √(φ p (1 − p) / n), which is the binomial with n / φ effective trials.
 *
 * **Small units and the lower limit.** The exact binomial chance that a unit of n / φ effective
 * trials has no absence at all is (1 − p)^(n / φ). While that is at least the limit's one-sided
 * tail (2.5% for 95%, 0.1% for 99.8%) no rate the unit could have is significantly low, and its
 * lower limit is 0 — wherever the normal approximation would put it.
 */

/** z for about 95% two-sided limits. */
export const Z_95 = 1.96;
/** z for about 99.8% two-sided limits. */
export const Z_998 = 3.09;

export interface ControlLimits {
  /** The trials: the unit's hours available in standard days. */
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** Hours available as standard days of F / 5 hours: the `n` of the limits. */
export function standardDays(hoursAvailable: number, fullTimeHours: number): number {
  return fullTimeHours > 0 ? hoursAvailable / (fullTimeHours / 5) : 0;
}

/**
 * The chance a standard normal variable exceeds `z`, from the complementary error function
 * (Abramowitz and Stegun 7.1.26, accurate to about 1.5 × 10⁻⁷).
 */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * True when a unit of `n` effective trials having no absence at all is within chance at the
 * one-sided tail of `z`: the exact binomial chance of a zero count, (1 − p)ⁿ, is at least that tail.
 */
export function zeroIsWithinChance(p: number, n: number, z: number): boolean {
  return Math.pow(1 - p, n) >= normalUpperTail(Math.abs(z));
}

/** One limit, as a proportion, kept within 0 and 1; `phi` is the over-dispersion factor. */
export function controlLimit(p: number, n: number, z: number, phi = 1): number {
  if (n <= 0) return z < 0 ? 0 : 1;
  const effective = n / Math.max(1, phi);
  if (z < 0 && zeroIsWithinChance(p, effective, z)) return 0;
  const limit = p + z * Math.sqrt((p * (1 - p)) / effective);
  return Math.min(1, Math.max(0, limit));
}

/** The 95% and 99.8% limits around `p` (a proportion) for `n` trials, as proportions. */
export function controlLimits(p: number, n: number, phi = 1): ControlLimits {
  return {
    n,
    lower95: controlLimit(p, n, -Z_95, phi),
    upper95: controlLimit(p, n, Z_95, phi),
    lower998: controlLimit(p, n, -Z_998, phi),
    upper998: controlLimit(p, n, Z_998, phi),
  };
}

/**
 * The over-dispersion factor φ of a set of units (Spiegelhalter 2005): the mean square of their
 * z-scores, winsorised at the 10th and 90th percentiles; 1 when they scatter no more than the
 * binomial allows, or when there are too few units (under 10) to measure the spread.
 */
export function overDispersion(units: readonly FunnelUnitInput[], p: number, fullTimeHours: number): number {
  if (p <= 0 || p >= 1) return 1;
  const zs = units
    .filter((unit) => unit.hoursAvailable > 0)
    .map((unit) => {
      const n = standardDays(unit.hoursAvailable, fullTimeHours);
      return (unit.hoursLost / unit.hoursAvailable - p) / Math.sqrt((p * (1 - p)) / n);
    })
    .filter((z) => Number.isFinite(z))
    .sort((a, b) => a - b);
  if (zs.length < 10) return 1;
  const low = zs[Math.floor(0.1 * (zs.length - 1))] ?? 0;
  const high = zs[Math.ceil(0.9 * (zs.length - 1))] ?? 0;
  const phi = zs.reduce((sum, z) => sum + Math.min(high, Math.max(low, z)) ** 2, 0) / zs.length;
  return Math.max(1, phi);
}

export const FUNNEL_POSITIONS = ['above-998', 'above-95', 'within', 'below-95', 'below-998'] as const;
export type FunnelPosition = (typeof FUNNEL_POSITIONS)[number];

/**
 * Where a rate lies against its limits. On a limit counts as within: only a rate strictly beyond
 * it is outside.
 */
export function funnelPosition(rate: number, limits: ControlLimits): FunnelPosition {
  if (rate > limits.upper998) return 'above-998';
  if (rate > limits.upper95) return 'above-95';
  if (rate < limits.lower998) return 'below-998';
  if (rate < limits.lower95) return 'below-95';
  return 'within';
}

export const FUNNEL_POSITION_TEXT: Record<FunnelPosition, string> = {
  'above-998': 'Higher than expected (99.8%)',
  'above-95': 'Higher than expected (95%)',
  within: 'As expected',
  'below-95': 'Lower than expected (95%)',
  'below-998': 'Lower than expected (99.8%)',
};

export interface FunnelUnitInput {
  hoursAvailable: number;
  hoursLost: number;
}

export interface FunnelUnitResult {
  /** The unit's rate as a proportion of hours. */
  rate: number;
  limits: ControlLimits;
  position: FunnelPosition;
}

/**
 * A unit against the organisation's rate `p` (a proportion of hours). Null when the unit had no
 * hours available: it has no rate to judge.
 */
export function assessUnit(
  unit: FunnelUnitInput,
  p: number,
  fullTimeHours: number,
  phi = 1,
): FunnelUnitResult | null {
  if (unit.hoursAvailable <= 0) return null;
  const rate = unit.hoursLost / unit.hoursAvailable;
  const limits = controlLimits(p, standardDays(unit.hoursAvailable, fullTimeHours), phi);
  return { rate, limits, position: funnelPosition(rate, limits) };
}

/**
 * The funnel's limit curves over a range of hours available, for drawing: `points` values of
 * hours spread evenly from `fromHours` to `toHours`, with each limit as a percentage.
 */
export function funnelCurves(
  p: number,
  fullTimeHours: number,
  fromHours: number,
  toHours: number,
  points = 80,
  phi = 1,
): { hours: number; lower95: number; upper95: number; lower998: number; upper998: number }[] {
  const start = Math.max(fromHours, 1e-9);
  const end = Math.max(toHours, start);
  const steps = Math.max(points - 1, 1);
  const curves = [];
  for (let i = 0; i <= steps; i++) {
    const hours = start + ((end - start) * i) / steps;
    const limits = controlLimits(p, standardDays(hours, fullTimeHours), phi);
    curves.push({
      hours,
      lower95: 100 * limits.lower95,
      upper95: 100 * limits.upper95,
      lower998: 100 * limits.lower998,
      upper998: 100 * limits.upper998,
    });
  }
  return curves;
}
