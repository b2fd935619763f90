/**
 * Every URL of the service, used both to register routes and to build links, so a renamed
 * route cannot leave a dead link behind.
 */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type PathParams<P extends string> = { [K in ParamNames<P>]: string | number };

export interface TypedPath<P extends string> {
  readonly pattern: P;
  build(...params: ParamNames<P> extends never ? [] : [PathParams<P>]): string;
}

/**
 * An address of the service with its parameters: a capability module may define its own with it,
 * in its folder, beside those listed here.
 */
export function path<P extends string>(pattern: P): TypedPath<P> {
  return {
    pattern,
    build: (...args: unknown[]) => {
      const params = (args[0] ?? {}) as Record<string, string | number>;
      return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) throw new Error(`Missing path parameter ${name} for ${pattern}`);
        return encodeURIComponent(String(value));
      });
    },
  };
}

export const paths = {
  health: path('/health'),
  ready: path('/ready'),
  home: path('/'),
  signIn: path('/sign-in'),
  signOut: path('/sign-out'),
  /** The second step of signing in: the code from the account's authenticator app. */
  signInCode: path('/sign-in/code'),
  authenticator: path('/account/authenticator'),
  recoveryCodes: path('/account/authenticator/recovery-codes'),
  accessibility: path('/accessibility'),
  privacy: path('/privacy'),
  invitations: path('/invitations'),
  acceptInvitation: path('/invitations/:invitationId/accept'),
  declineInvitation: path('/invitations/:invitationId/decline'),
  partnership: {
    organisations: path('/partnership/organisations'),
    newOrganisation: path('/partnership/organisations/new'),
    organisation: path('/partnership/organisations/:org'),
    editOrganisation: path('/partnership/organisations/:org/edit'),
    newAgreement: path('/partnership/organisations/:org/agreements/new'),
    editAgreement: path('/partnership/organisations/:org/agreements/:agreementId/edit'),
  },
  organisation: {
    units: path('/o/:org/units'),
    newUnit: path('/o/:org/units/new'),
    unit: path('/o/:org/units/:unitId'),
    editUnit: path('/o/:org/units/:unitId/edit'),
    sites: path('/o/:org/sites'),
    newSite: path('/o/:org/sites/new'),
    editSite: path('/o/:org/sites/:siteId/edit'),
    people: path('/o/:org/people'),
    newPerson: path('/o/:org/people/new'),
    person: path('/o/:org/people/:personId'),
    editPerson: path('/o/:org/people/:personId/edit'),
    newEmploymentChange: path('/o/:org/people/:personId/employment/new'),
    peopleImport: path('/o/:org/people-import'),
    peopleImportConfirm: path('/o/:org/people-import/confirm'),
    peopleImportTemplate: path('/o/:org/people-import/people-template.csv'),
    accounts: path('/o/:org/accounts'),
    newAccount: path('/o/:org/accounts/new'),
    account: path('/o/:org/accounts/:userId'),
    accountRoles: path('/o/:org/accounts/:userId/roles'),
    resetAuthenticator: path('/o/:org/accounts/:userId/authenticator/reset'),
    withdrawInvitation: path('/o/:org/invitations/:invitationId/withdraw'),
    apiKeys: path('/o/:org/api-keys'),
    newApiKey: path('/o/:org/api-keys/new'),
    revokeApiKey: path('/o/:org/api-keys/:keyId/revoke'),
    myAbsence: path('/o/:org/my/absence'),
    reportSickness: path('/o/:org/my/absence/report-sickness'),
    imBack: path('/o/:org/my/absence/:absenceId/return'),
    team: path('/o/:org/team'),
    recordAbsence: path('/o/:org/people/:personId/absences/new'),
    absence: path('/o/:org/people/:personId/absences/:absenceId'),
    editAbsence: path('/o/:org/people/:personId/absences/:absenceId/edit'),
    absencesImport: path('/o/:org/absences-import'),
    absencesImportConfirm: path('/o/:org/absences-import/confirm'),
    absencesImportTemplate: path('/o/:org/absences-import/absences-template.csv'),
    absenceReport: path('/o/:org/reports/absence'),
    absenceReportDownload: path('/o/:org/reports/absence/download'),
    figuresExplained: path('/o/:org/reports/how-figures-are-worked-out'),
    managementInformation: path('/o/:org/management-information'),
    scorecard: path('/o/:org/management-information/scorecard'),
    hotspots: path('/o/:org/management-information/hotspots'),
    hotspotsFunnelPlot: path('/o/:org/management-information/hotspots/funnel-plot.svg'),
    trends: path('/o/:org/management-information/trends'),
    reasons: path('/o/:org/management-information/reasons'),
    cost: path('/o/:org/management-information/cost'),
    benchmarks: path('/o/:org/management-information/benchmarks'),
    newBenchmark: path('/o/:org/management-information/benchmarks/new'),
    removeBenchmark: path('/o/:org/management-information/benchmarks/:benchmarkId/remove'),
    policyComparison: path('/o/:org/management-information/policy-comparison'),
    boardPack: path('/o/:org/management-information/board-pack'),
    attendanceSettings: path('/o/:org/attendance-settings'),
    supportDirectory: path('/o/:org/support-directory'),
    newSupportService: path('/o/:org/support-directory/new'),
    editSupportService: path('/o/:org/support-directory/:serviceId/edit'),
    letterTemplates: path('/o/:org/letter-templates'),
    letterTemplate: path('/o/:org/letter-templates/:kind'),
    welcomeBackReviews: path('/o/:org/welcome-back-reviews'),
    welcomeBackReview: path('/o/:org/people/:personId/welcome-back-reviews/:reviewId'),
    myWelcomeBackReview: path('/o/:org/my/welcome-back-reviews/:reviewId'),
    newActionPlan: path('/o/:org/people/:personId/action-plans/new'),
    actionPlan: path('/o/:org/people/:personId/action-plans/:planId'),
    actionPlanReview: path('/o/:org/people/:personId/action-plans/:planId/review'),
    myActionPlan: path('/o/:org/my/action-plans/:planId'),
    adjustmentsPassport: path('/o/:org/people/:personId/adjustments-passport'),
    adjustmentDecision: path('/o/:org/people/:personId/adjustments-passport/:adjustmentId'),
    myAdjustmentsPassport: path('/o/:org/my/adjustments-passport'),
    myNewAdjustment: path('/o/:org/my/adjustments-passport/adjustments/new'),
    myPassportSharing: path('/o/:org/my/adjustments-passport/sharing'),
    myAttendance: path('/o/:org/my/attendance'),
    attendanceCases: path('/o/:org/attendance-cases'),
    openAttendanceCase: path('/o/:org/people/:personId/attendance-cases/new'),
    attendanceCase: path('/o/:org/people/:personId/attendance-cases/:caseId'),
    closeAttendanceCase: path('/o/:org/people/:personId/attendance-cases/:caseId/close'),
    newStageMeeting: path('/o/:org/people/:personId/attendance-cases/:caseId/meetings/new'),
    stageMeeting: path('/o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId'),
    issueLetter: path('/o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId/letters/:kind'),
    newLetter: path(
      '/o/:org/people/:personId/attendance-cases/:caseId/meetings/:meetingId/letters/:kind/new',
    ),
    letter: path('/o/:org/people/:personId/letters/:letterId'),
    letterDownload: path('/o/:org/people/:personId/letters/:letterId/download'),
    dyingToWork: path('/o/:org/people/:personId/dying-to-work'),
    attendanceTriggers: path('/o/:org/attendance-triggers'),
    attendanceTriggerTalk: path('/o/:org/attendance-triggers/:personId/talk'),
    myLetter: path('/o/:org/my/letters/:letterId'),
    myLetterDownload: path('/o/:org/my/letters/:letterId/download'),
  },
  api: {
    openapi: path('/api/openapi.json'),
    organisation: path('/api/v1/organisation'),
    units: path('/api/v1/units'),
    people: path('/api/v1/people'),
    person: path('/api/v1/people/:employeeNumber'),
    absenceReport: path('/api/v1/reports/absence'),
    miScorecard: path('/api/v1/management-information/scorecard'),
    miTrends: path('/api/v1/management-information/trends'),
    miHotspots: path('/api/v1/management-information/hotspots'),
    miReasons: path('/api/v1/management-information/reasons'),
    miCost: path('/api/v1/management-information/cost'),
  },
} as const;
