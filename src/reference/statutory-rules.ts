/**
 * Statutory rules that change over time, kept as data with the date each value took effect
 * (SPEC §9), never as constants in code.
 */
export interface DatedRule<T> {
  name: string;
  values: readonly { from: string; value: T; source: string }[];
}

/** The value of a rule in force on a date (the latest that took effect by then). */
export function ruleOn<T>(rule: DatedRule<T>, date: string): T {
  let found: { from: string; value: T } | undefined;
  for (const entry of rule.values) {
    if (entry.from <= date && (found === undefined || entry.from > found.from)) found = entry;
  }
  if (found === undefined) throw new RangeError(`${rule.name} has no value in force on ${date}`);
  return found.value;
}

/** Calendar days of sickness a person may self-certify before a fit note is expected. */
export const SELF_CERTIFICATION_DAYS: DatedRule<number> = {
  name: 'Self-certification period',
  values: [
    {
      from: '1982-06-06',
      value: 7,
      source: 'Self-certification of the first 7 days of sickness, introduced in 1982',
    },
    {
      from: '2010-04-06',
      value: 7,
      source:
        'Social Security (Medical Evidence) and Statutory Sick Pay (Medical Evidence) (Amendment) Regulations 2010 (the fit note)',
    },
  ],
};

/** Statutory sick pay, pounds a week, by tax year. */
export const STATUTORY_SICK_PAY_WEEKLY: DatedRule<number> = {
  name: 'Statutory sick pay weekly rate',
  values: [
    { from: '2018-04-06', value: 92.05, source: 'HMRC rates and thresholds 2018 to 2019' },
    { from: '2019-04-06', value: 94.25, source: 'HMRC rates and thresholds 2019 to 2020' },
    { from: '2020-04-06', value: 95.85, source: 'HMRC rates and thresholds 2020 to 2021' },
    { from: '2021-04-06', value: 96.35, source: 'HMRC rates and thresholds 2021 to 2022' },
    { from: '2022-04-06', value: 99.35, source: 'HMRC rates and thresholds 2022 to 2023' },
    { from: '2023-04-06', value: 109.4, source: 'HMRC rates and thresholds 2023 to 2024' },
    { from: '2024-04-06', value: 116.75, source: 'HMRC rates and thresholds 2024 to 2025' },
    { from: '2025-04-06', value: 118.75, source: 'HMRC rates and thresholds 2025 to 2026' },
  ],
};

/** Waiting days before statutory sick pay is paid. */
export const STATUTORY_SICK_PAY_WAITING_DAYS: DatedRule<number> = {
  name: 'Statutory sick pay waiting days',
  values: [
    { from: '1983-04-06', value: 3, source: 'Social Security and Housing Benefits Act 1982' },
    { from: '2026-04-06', value: 0, source: 'Employment Rights Act 2025' },
  ],
};
