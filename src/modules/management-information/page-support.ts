/**
 * What every management information page handler shares: reading the query string, the
 * organisation and audience of the request, the "About" lines of a download, and sending a
 * download after auditing it. Plain functions, so each page's routes stay a list of handlers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MANAGEMENT_INFORMATION_PERIOD_RULES } from '../../domain/report-period-rules.ts';
import type { Period } from '../../domain/scorecard.ts';
import { audienceFor, type Audience } from '../../domain/small-numbers.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { audit } from '../../web/audit.ts';
import { paths } from '../../web/paths.ts';
import { errorSummary } from '../../web/forms.ts';
import { PERIOD_FIELD_NAMES, readReportPeriod } from '../../web/report-period.ts';
import type { DataTable } from './data-table.ts';
import { downloadFile, sendFile, type DownloadFormat } from './downloads.ts';
import type { MiOrganisation, UnitRef } from './mi-service.ts';
import { organisationRecordOf } from '../../web/request-context.ts';
import { parseRecordId } from '../../web/record-ids.ts';

/** Query-string values as a form sends them: empty fields are left out. */
export function queryValues(request: FastifyRequest): Record<string, string> {
  const query = request.query as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  );
}

/** A unit chosen by its id, as the pages' unit lists send it. */
export const unitIdField = z
  .string()
  .trim()
  .refine((v) => parseRecordId(v) !== null, 'Choose a unit from the list')
  .optional();

/**
 * A page's query of a period (the shared period fields, the rolling 12 months unless chosen,
 * at most 10 years) and its own fields: the period and the fields read, or every problem with
 * either, listed together.
 */
export function readPeriodQuery<T extends z.ZodType<object>>(values: Record<string, string>, schema: T) {
  const reading = readReportPeriod(values, { today: today(), rules: MANAGEMENT_INFORMATION_PERIOD_RULES });
  const own = Object.fromEntries(Object.entries(values).filter(([key]) => !PERIOD_FIELD_NAMES.includes(key)));
  const parsed = schema.safeParse(own);
  if (!reading.ok || !parsed.success) {
    return {
      ok: false as const,
      periodForm: reading.form,
      values: own,
      errors: [
        ...(reading.ok ? [] : reading.errors),
        ...(parsed.success ? [] : errorSummary(parsed.error.issues)),
      ],
    };
  }
  return {
    ok: true as const,
    periodForm: reading.form,
    period: reading.period,
    query: { ...parsed.data, ...reading.query },
  };
}

/** Directorates and services to choose from (and the unit shown, if it is below them). */
export function unitChoices(units: readonly UnitRef[], current: UnitRef | null) {
  return units
    .filter((u) => u.depth <= 2 || u.id === current?.id)
    .map((u) => ({ value: String(u.id), text: u.path }));
}

/** The request helpers of the management information pages, for one set of services. */
export function miPageSupport(services: Services) {
  const organisationFor = (request: FastifyRequest): MiOrganisation => organisationRecordOf(request);

  function audienceOf(request: FastifyRequest, organisation: MiOrganisation): Audience {
    return audienceFor(request.principal?.grants ?? [], organisation.id);
  }

  function aboutLines(
    organisation: MiOrganisation,
    page: string,
    period: Period,
    audience: Audience,
    extra: [string, string][] = [],
  ): [string, string][] {
    return [
      ['Organisation', organisation.name],
      ['Page', page],
      ['Period', `${period.from} to ${period.to}`],
      ...extra,
      ['Produced on', today()],
      [
        'Definitions',
        `The figures are those of the absence report (hours method). How each is worked out: ${services.config.publicUrl}${paths.organisation.figuresExplained.build({ org: organisation.slug })}`,
      ],
      [
        'Small numbers',
        audience === 'full'
          ? 'All numbers are shown (HR).'
          : 'Counts below 5 are shown as “fewer than 5”; groups of fewer than 5 people show no figures; where a hidden figure could be worked out from a total less the rest, another is hidden too (“not shown, so a small group cannot be worked out”).',
      ],
    ];
  }

  /** Sends a download, first writing who downloaded what; a 400 page when the table asked for is not there. */
  async function download(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      page: string;
      format: DownloadFormat;
      tableId: string | undefined;
      tables: DataTable[];
      fileStem: string;
      about: [string, string][];
    },
  ) {
    const file = await downloadFile(options);
    if ('problem' in file) {
      return reply.status(400).render('errors/bad-request.njk', {
        pageTitle: 'There is a problem',
        message: file.problem,
      });
    }
    await services.database.scoped({ organisationIds: [request.organisation?.id ?? 0] }, (db) =>
      audit(db, request, {
        action: 'management-information.downloaded',
        subjectType: options.page,
        subjectId: file.fileName,
        detail: { format: options.format, table: options.tableId ?? null },
      }),
    );
    return sendFile(reply, file);
  }

  return { organisationFor, audienceOf, aboutLines, download };
}
