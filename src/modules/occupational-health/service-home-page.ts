/**
 * What falls to the OH service's staff on their home page: referrals to triage, cases to book,
 * reports due and reports awaiting the employee, each linking to the caseload showing them. OH
 * admin see the whole service's; a clinician the referrals to triage and their own cases'.
 */
import type { CaseStage } from '../../domain/oh-casework.ts';
import type { HomeContext, HomeContribution, HomeTask } from '../../web/capability.ts';
import { listHref } from '../../web/list-query.ts';
import { actingAsTheService, openStageCounts } from './caseload-queries.ts';
import { ohPaths } from './occupational-health-paths.ts';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

const TASKS: { stage: CaseStage; title: (n: number) => string; hint: string }[] = [
  {
    stage: 'to_triage',
    title: (n) => `${plural(n, 'referral', 'referrals')} to triage`,
    hint: 'Accept or reject, set a priority and route to a service',
  },
  {
    stage: 'to_book',
    title: (n) => `${plural(n, 'case', 'cases')} to book`,
    hint: 'Accepted, with no appointment booked',
  },
  {
    stage: 'report_due',
    title: (n) => `${plural(n, 'report', 'reports')} due`,
    hint: 'Appointment attended, report not yet sent',
  },
  {
    stage: 'with_employee',
    title: (n) => `${plural(n, 'report', 'reports')} awaiting the employee`,
    hint: 'The employee is reviewing the report before release',
  },
];

async function tasks(
  { db, organisation, date }: HomeContext,
  stages: readonly CaseStage[],
  mine: number | null,
): Promise<HomeTask[]> {
  const counts = await actingAsTheService(db, organisation.id, date, () =>
    openStageCounts(db, organisation.id, null).then(async (all) =>
      mine === null ? { all, mine: all } : { all, mine: await openStageCounts(db, organisation.id, mine) },
    ),
  );
  if (!counts) return [];
  const base = ohPaths.service.cases.build({ org: organisation.slug });
  return TASKS.filter((t) => stages.includes(t.stage)).flatMap((t) => {
    // Triage is everyone's; the rest are the clinician's own cases.
    const own = mine !== null && t.stage !== 'to_triage';
    const n = (own ? counts.mine : counts.all)[t.stage] ?? 0;
    if (n === 0) return [];
    return [
      {
        title: t.title(n),
        hint: t.hint,
        href: listHref(base, { status: t.stage, clinician: own ? mine : null }),
        status: 'to-do' as const,
      },
    ];
  });
}

export const homePage: HomeContribution[] = [
  {
    role: 'oh_admin',
    part: async (context) => ({
      tasks: await tasks(context, ['to_triage', 'to_book', 'report_due', 'with_employee'], null),
    }),
  },
  {
    role: 'oh_clinician',
    part: async (context) => ({
      tasks: await tasks(context, ['to_triage', 'report_due', 'with_employee'], context.userId),
    }),
  },
];
