/**
 * The absence report page's form, read from its query: the shared period fields, and the
 * grouping, method and filters, each chosen from a list. Every problem is listed, in words, and
 * linked to its field.
 */
import { REPORT_GROUPINGS, REPORT_METHODS } from '../../domain/absence-report.ts';
import { ABSENCE_REPORT_PERIOD_RULES } from '../../domain/report-period-rules.ts';
import { ESR_SICKNESS_REASONS } from '../../reference/esr-sickness-reasons.ts';
import type { FieldError } from '../../web/forms.ts';
import { PERIOD_FIELD_NAMES, readReportPeriod, type ReportPeriodForm } from '../../web/report-period.ts';
import { reportParameters, type ReportParameters } from './report-service.ts';

/** What the filters may be: the organisation's units and staff groups. */
export interface ReportFilterChoices {
  unitPaths: readonly string[];
  staffGroups: readonly string[];
}

export type ReportFormReading =
  | {
      ok: true;
      parameters: ReportParameters;
      periodForm: ReportPeriodForm;
      /** The query of a link to the same report (downloads, pages of rows). */
      linkQuery: Record<string, string>;
    }
  | { ok: false; errors: FieldError[]; periodForm: ReportPeriodForm; values: Record<string, string> };

const DEFAULTS = { by: 'unit', method: 'hours' };

export function readReportForm(
  query: Record<string, string>,
  choices: ReportFilterChoices,
  today: string,
): ReportFormReading {
  const values: Record<string, string> = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(query).filter(([key]) => !PERIOD_FIELD_NAMES.includes(key))),
  };
  const period = readReportPeriod(query, { today, rules: ABSENCE_REPORT_PERIOD_RULES });
  const errors: FieldError[] = period.ok ? [] : [...period.errors];
  const check = (field: string, allowed: readonly string[], text: string) => {
    const value = values[field];
    if (value !== undefined && !allowed.includes(value)) errors.push({ text, href: `#${field}` });
  };
  check('by', REPORT_GROUPINGS, 'Choose how to group the report from the list');
  check('method', REPORT_METHODS, 'Choose working hours or calendar days');
  check('unit', choices.unitPaths, 'Choose a unit from the list');
  check('staffGroup', choices.staffGroups, 'Choose a staff group from the list');
  check(
    'reason',
    ESR_SICKNESS_REASONS.map((r) => r.code),
    'Choose a sickness reason from the list',
  );
  if (!period.ok || errors.length > 0) return { ok: false, errors, periodForm: period.form, values };
  const parsed = reportParameters.safeParse({ ...values, ...period.query });
  if (!parsed.success) {
    // Every field has been checked above; this is a belt to those braces.
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ text: i.message, href: `#${String(i.path[0] ?? '')}` })),
      periodForm: period.form,
      values,
    };
  }
  const { page: _page, format: _format, ...kept } = values;
  return {
    ok: true,
    parameters: parsed.data,
    periodForm: period.form,
    linkQuery: { ...kept, ...period.query },
  };
}
