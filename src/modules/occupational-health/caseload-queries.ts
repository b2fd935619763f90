/**
 * The OH service's caseload: every case it holds, of every organisation it serves, where each
 * stands (a stage worked out from the referral, its appointments and its report), in one
 * set-based statement. Read in the service's scope, so row-level security keeps it to the
 * organisations served; the provider's id keeps it to the cases this service holds.
 */
import { sql, type SQL } from 'drizzle-orm';
import { intArray, textArray } from '../../db/array-parameters.ts';
import { queryRows, type Db } from '../../db/database.ts';
import { OPEN_STAGES, WAITING_STAGES, type CaseStage, type RoutedService } from '../../domain/oh-casework.ts';
import { organisationsServed } from './oh-service-scope-queries.ts';

export const CASELOAD_SORTS = { referred: 'asc', name: 'asc', client: 'asc' } as const;
export type CaseloadSort = keyof typeof CASELOAD_SORTS;

export interface CaseloadRow {
  organisation_id: number;
  id: number;
  person_name: string;
  job_title: string;
  kind: string;
  referred_on: string | null;
  priority: string | null;
  service: string | null;
  service_asked: string | null;
  external_provider: string | null;
  closed_on: string | null;
  stage: CaseStage;
  next_appointment_on: string | null;
  clinician_user_id: number | null;
  clinician_name: string | null;
  client_name: string;
}

export interface CaseloadFilter {
  /** Stages to keep: null for every one. */
  stages: readonly CaseStage[] | null;
  clientId: number | null;
  clinicianUserId: number | null;
  service: RoutedService | null;
  /** Keep cases still waiting that were referred before this day (they have waited longer than the filter's days). */
  referredBefore: string | null;
  /** Part of the employee's name. */
  name: string | null;
}

/**
 * Every case the provider's service holds, with its stage. A case's clinician is the one triage
 * named, or else the clinician of its latest appointment not cancelled. Its stage, in order: the
 * referral's own status until accepted; then the report once sent; an appointment booked; an
 * attended appointment with no report sent (report due; a self-referral, which no one else is
 * told of, needs none: seen); routed to an external provider
 * (referred out); else it is to book. Drafts never reach the service.
 */
function casesOf(providerId: number): SQL {
  return sql`(
    select r.organisation_id, r.id, r.person_name, r.job_title, r.kind, r.referred_on, r.priority,
           r.service, r.service_asked, r.external_provider, r.closed_on,
           coalesce(r.clinician_user_id, a.last_clinician) as clinician_user_id,
           a.next_booked_on as next_appointment_on,
           case
             when r.status = 'submitted' then 'to_triage'
             when r.status <> 'accepted' then r.status
             when rep.status = 'with_employee' then 'with_employee'
             when rep.status = 'released' then 'report_released'
             when rep.status = 'withheld' then 'report_withheld'
             when a.booked then 'booked'
             when a.attended and r.kind = 'self' then 'seen'
             when a.attended then 'report_due'
             when r.service = 'external' then 'referred_out'
             else 'to_book'
           end as stage
    from oh_referrals r
    left join lateral (
      select coalesce(bool_or(x.status = 'booked'), false) as booked,
             coalesce(bool_or(x.status = 'attended'), false) as attended,
             min(x.held_on) filter (where x.status = 'booked') as next_booked_on,
             (array_agg(x.clinician_user_id order by x.held_on desc, x.id desc)
                filter (where x.status <> 'cancelled'))[1] as last_clinician
      from oh_appointments x
      where x.organisation_id = r.organisation_id and x.referral_id = r.id
    ) a on true
    left join oh_reports rep on rep.organisation_id = r.organisation_id and rep.referral_id = r.id
    where r.provider_organisation_id = ${providerId} and r.status <> 'draft'
  )`;
}

function filtered(filter: CaseloadFilter): SQL {
  const waiting = textArray(WAITING_STAGES);
  return sql`
    ${filter.stages === null ? sql`` : sql`and c.stage = any(${textArray(filter.stages)}::text[])`}
    ${filter.clientId === null ? sql`` : sql`and c.organisation_id = ${filter.clientId}`}
    ${filter.clinicianUserId === null ? sql`` : sql`and c.clinician_user_id = ${filter.clinicianUserId}`}
    ${filter.service === null ? sql`` : sql`and coalesce(c.service, c.service_asked) = ${filter.service}`}
    ${
      filter.referredBefore === null
        ? sql``
        : sql`and c.stage = any(${waiting}::text[]) and c.referred_on < ${filter.referredBefore}::date`
    }
    ${
      filter.name === null
        ? sql``
        : sql`and c.person_name ilike ${`%${filter.name.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`
    }`;
}

/** One page of the caseload, and how many cases match in all. */
export async function caseloadPage(
  db: Db,
  providerId: number,
  options: CaseloadFilter & { sort: CaseloadSort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: CaseloadRow[]; total: number }> {
  const direction = options.order === 'asc' ? sql`asc` : sql`desc`;
  const sortBy = {
    referred: sql`c.referred_on ${direction} nulls last`,
    name: sql`c.person_name ${direction}`,
    client: sql`o.name ${direction}`,
  }[options.sort];
  const rows = await queryRows<CaseloadRow & { total: number }>(
    db,
    sql`
    select c.organisation_id, c.id, c.person_name, c.job_title, c.kind, c.referred_on::text,
           c.priority, c.service, c.service_asked, c.external_provider, c.closed_on::text, c.stage,
           c.next_appointment_on::text, c.clinician_user_id, u.display_name as clinician_name,
           o.name as client_name, count(*) over ()::int as total
    from ${casesOf(providerId)} c
    join organisations o on o.id = c.organisation_id
    left join users u on u.id = c.clinician_user_id
    where true ${filtered(options)}
    order by ${sortBy}, c.id
    limit ${options.limit} offset ${options.offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** How many of the service's cases stand at each open stage: all, or the clinician's. */
export async function openStageCounts(
  db: Db,
  providerId: number,
  clinicianUserId: number | null,
): Promise<Partial<Record<CaseStage, number>>> {
  const rows = await queryRows<{ stage: CaseStage; n: number }>(
    db,
    sql`
    select c.stage, count(*)::int as n
    from ${casesOf(providerId)} c
    where c.stage = any(${textArray(OPEN_STAGES)}::text[])
      ${clinicianUserId === null ? sql`` : sql`and c.clinician_user_id = ${clinicianUserId}`}
    group by c.stage`,
  );
  return Object.fromEntries(rows.map((r) => [r.stage, r.n]));
}

/** Where one case the service holds stands: its stage, and its clinician as the caseload names them. */
export async function standingOfCase(
  db: Db,
  providerId: number,
  referralId: number,
): Promise<{ stage: CaseStage; clinicianUserId: number | null } | null> {
  const [row] = await queryRows<{ stage: CaseStage; clinician_user_id: number | null }>(
    db,
    sql`select c.stage, c.clinician_user_id from ${casesOf(providerId)} c where c.id = ${referralId}`,
  );
  return row ? { stage: row.stage, clinicianUserId: row.clinician_user_id } : null;
}

/** The organisations the service serves or has served, by name, for the client filter. */
export async function clientsOf(
  db: Db,
  providerId: number,
  onDate: string,
): Promise<{ id: number; name: string }[]> {
  const ids = await organisationsServed(db, providerId, onDate);
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select o.id, o.name from organisations o where o.id = any(${intArray(ids)}::int[]) order by o.name`,
  );
}

/**
 * Within a transaction that acts for the provider alone (the home page's), acts for the rest of
 * `work` as its OH service too, as the service's pages do (`serviceScope`), then goes back. Null
 * when the organisation runs no OH service.
 */
export async function actingAsTheService<T>(
  db: Db,
  providerId: number,
  onDate: string,
  work: () => Promise<T>,
): Promise<T | null> {
  const served = await organisationsServed(db, providerId, onDate);
  if (served.length === 0) return null;
  const [before] = await queryRows<{ value: string | null }>(
    db,
    sql`select current_setting('wellwork.oh_organisations', true) as value`,
  );
  await db.execute(sql`select set_config('wellwork.oh_organisations', ${served.join(',')}, true)`);
  try {
    return await work();
  } finally {
    await db.execute(sql`select set_config('wellwork.oh_organisations', ${before?.value ?? ''}, true)`);
  }
}
