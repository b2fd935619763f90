/**
 * The management information pages, in the order the index and the sub-navigation list them.
 * Adding a page is one entry here (and its route).
 */
import { paths } from '../../web/paths.ts';

export interface ManagementInformationPage {
  key: string;
  title: string;
  description: string;
  href: (org: string) => string;
}

export const MANAGEMENT_INFORMATION_PAGES: readonly ManagementInformationPage[] = [
  {
    key: 'scorecard',
    title: 'Scorecard',
    description:
      'Days lost per FTE over the rolling 12 months against the target, the absence rate, short and long-term sickness, the top reasons, the cost and the trend, for the organisation and each directorate and service.',
    href: (org) => paths.organisation.scorecard.build({ org }),
  },
  {
    key: 'hotspots',
    title: 'Hotspots',
    description:
      'Teams, services or directorates whose absence rate is higher or lower than expected for their size, judged with a funnel plot rather than a league table.',
    href: (org) => paths.organisation.hotspots.build({ org }),
  },
  {
    key: 'trends',
    title: 'Trends',
    description:
      'The absence rate and days lost per FTE month by month over up to 5 years, each month beside the same month a year before, for the organisation, a unit, or one line per directorate or staff group.',
    href: (org) => paths.organisation.trends.build({ org }),
  },
  {
    key: 'reasons',
    title: 'Reasons',
    description:
      'Each sickness reason’s share of the days lost, its short and long-term episodes, and how the top reasons’ shares change quarter by quarter.',
    href: (org) => paths.organisation.reasons.build({ org }),
  },
  {
    key: 'cost',
    title: 'Cost of absence',
    description:
      'The pay cost of the hours lost to sickness, with on-costs, by directorate and service and month by month, with the cost per FTE.',
    href: (org) => paths.organisation.cost.build({ org }),
  },
  {
    key: 'benchmarks',
    title: 'Benchmarks',
    description:
      'The absence rate and days lost per FTE over the rolling 12 months beside the national and sector benchmarks and the organisation’s own, each compared like with like, with its period, source and method.',
    href: (org) => paths.organisation.benchmarks.build({ org }),
  },
  {
    key: 'policy-comparison',
    title: 'Policy comparison',
    description:
      'Units on the person-centred attendance policy against units on a trigger-based one: absence, formal stages started and welcome-back reviews held on time.',
    href: (org) => paths.organisation.policyComparison.build({ org }),
  },
  {
    key: 'board-pack',
    title: 'Board pack',
    description:
      'A printable monthly report for the organisation or a directorate: the headline against target, the trend, hotspots, top reasons, the policy comparison and benchmarks, with a spreadsheet of every table.',
    href: (org) => paths.organisation.boardPack.build({ org }),
  },
];

/** The sub-navigation across the pages, the current one marked. */
export function managementInformationNavigation(org: string, current: string | null) {
  return [
    {
      text: 'Overview',
      href: paths.organisation.managementInformation.build({ org }),
      active: current === null,
    },
    ...MANAGEMENT_INFORMATION_PAGES.map((page) => ({
      text: page.title,
      href: page.href(org),
      active: page.key === current,
    })),
    {
      text: 'How the figures are worked out',
      href: paths.organisation.figuresExplained.build({ org }),
      active: false,
    },
  ];
}
