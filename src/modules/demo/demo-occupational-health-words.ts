/**
 * What the demo's occupational health casework says: the reasons referrers give, the questions
 * they ask, the demands of each kind of job, what clinicians write in their notes and reports, and
 * what employees ask to have corrected. Written as a UK public-sector OH service would write them.
 * Every name is a demo person's; every condition is invented for them.
 */
import { ukDate } from '../../domain/date-words.ts';
import type { DemoPerson } from './demo-partnership.ts';

/** What a case is about, which decides its wording, its service and its outcome. */
export type Theme = 'stress' | 'back' | 'musculoskeletal' | 'frequent' | 'serious' | 'adjustments';

export type Outcome = 'fit' | 'fit_with_adjustments' | 'temporarily_unfit' | 'unfit';

import { USUAL_QUESTIONS } from '../../domain/oh-referrals.ts';

export { USUAL_QUESTIONS };

export const OWN_QUESTIONS: Record<Theme, readonly string[]> = {
  stress: [
    'Would a phased return help, and over what period?',
    'Are there parts of the work they should avoid for now?',
    'Is there anything in the workload or the team we should change?',
  ],
  back: [
    'Can they safely do the lifting and handling their role needs?',
    'Would a workstation or vehicle assessment help?',
  ],
  musculoskeletal: [
    'Can they safely do the physical parts of the role?',
    'Would restricted duties for a period help them back sooner?',
  ],
  frequent: [
    'Is there an underlying health condition behind the pattern of short absences?',
    'Is the level of attendance likely to improve?',
  ],
  serious: [
    'What support will they need during and after treatment?',
    'Would a phased return help, and over what period?',
  ],
  adjustments: ['What changes to shifts or duties would help?', 'Is specialist equipment needed?'],
};

/** The referrer's account of why they refer, in their words. */
export function referralReason(theme: Theme, person: DemoPerson, spellStart: string | null): string {
  const name = person.firstName;
  const since = spellStart ? ukDate(spellStart) : null;
  switch (theme) {
    case 'stress':
      return since
        ? `${name} has been off sick since ${since} with stress and low mood, certified by their GP. They have told me workload and a difficult few months at home have both played a part. We want to support a return and would like advice on what would help.`
        : `${name} has told me they are struggling with stress and are not sleeping. They are still at work but finding it hard to concentrate. We would like advice on support and any changes to their work.`;
    case 'back':
      return since
        ? `${name} has been off since ${since} with low back pain. They are keen to come back but worried about the physical side of the job. We would like advice on what they can safely do.`
        : `${name} has had back pain on and off for some months and says some tasks make it worse. We would like advice before it leads to time off.`;
    case 'musculoskeletal':
      return since
        ? `${name} has been off since ${since} after an injury (knee and shoulder). Their fit note ends soon and we would like to plan a safe return.`
        : `${name} has pain in their wrist and shoulder that is getting worse with the work they do. We would like advice on adjustments.`;
    case 'frequent':
      return `${name} has had several short spells of sickness absence in the last twelve months, for different reasons, and has reached the review point of the attendance policy. Before we go further we want to know whether there is an underlying health reason we should support.`;
    case 'serious':
      return since
        ? `${name} has been off since ${since} for treatment of a serious condition and is now thinking about a return. We would like advice on how best to support them and what their work should look like at first.`
        : `${name} has told us of a serious diagnosis and that treatment starts soon. We would like advice on support during treatment.`;
    case 'adjustments':
      return `${name} has told me about a health condition that is affecting them at work. They are not off sick, but we would like advice on adjustments so that they can carry on well.`;
  }
}

/** The job's demands as a referrer would describe them. */
export function jobDemands(person: DemoPerson): string {
  const hours = `${person.weeklyHours} hours a week`;
  const rota = person.worksBankHolidays
    ? ', on a rota that covers evenings, nights, weekends and bank holidays'
    : '';
  const title = person.jobTitle;
  if (person.staffGroup === 'Police Officer')
    return /Detective/.test(title)
      ? `Investigative work: interviewing suspects and witnesses, case files, court attendance and some arrests. ${hours}${rota}. Must hold officer safety training.`
      : `Front-line policing: response driving, foot patrol, arrests and restraint, wearing body armour and a kit belt for long periods. ${hours}${rota}. Must pass annual officer safety training.`;
  if (person.staffGroup === 'PCSO')
    return `Foot patrol in all weathers, engaging with the public, some lone working and dealing with conflict. ${hours}${rota}.`;
  if (/Call Handler|Despatcher|Control Room/.test(title))
    return `Answering emergency and non-emergency calls at a screen with a headset, often distressing calls, with little control over the pace of work. ${hours}${rota}.`;
  if (/Home Care|Reablement|Support Worker|Care Worker|Residential/.test(title))
    return `Personal care in people’s homes or a care setting, including moving and handling, driving between visits and lone working. ${hours}${rota}.`;
  if (/Nurse|Midwife|Health Care Assistant|Healthcare Assistant|Porter/.test(title))
    return `Ward-based clinical work on your feet for most of a shift: moving and handling patients, medicines rounds, and emotionally demanding situations. ${hours}${rota}.`;
  if (
    /Refuse|Loader|Driver|Operative|Gardener|Electrician|Trades|Plumber|Joiner|Gas|Leisure|Fitness/.test(
      title,
    )
  )
    return `Physically active outdoor or site work: lifting, carrying, bending and using tools or machinery, in all weathers. ${hours}${rota}.`;
  if (/Social Worker|Assessor|Practitioner|Housing Officer|Caseworker|Family Support/.test(title))
    return `Casework with people in difficult circumstances: home visits, driving, report writing and deadlines, with emotionally demanding conversations. ${hours}${rota}.`;
  return `Office-based work at a computer for most of the day, with meetings and deadlines. ${hours}${rota}.`;
}

/** A clinician's note of an appointment, or of one that did not happen. */
export function noteText(
  kind: 'assessment' | 'review' | 'physio' | 'counselling' | 'did_not_attend',
  theme: Theme,
  person: DemoPerson,
  visit: number,
  place: string,
): string {
  const seen = place ? `Seen at ${place.split(',')[0] ?? place}.` : 'Consultation by telephone.';
  switch (kind) {
    case 'did_not_attend':
      return 'Did not attend. Telephoned twice with no answer; voicemail left. Letter sent offering a further appointment. Referrer told only that the appointment was not kept.';
    case 'physio':
      return visit === 1
        ? `${seen} Initial physiotherapy assessment. ${theme === 'back' ? 'Low back pain for some weeks, worse after sitting and lifting; no red flags (no saddle anaesthesia, bladder or bowel change, no night pain). Lumbar flexion limited to knees, SLR negative both sides.' : 'Pain and stiffness after injury; range of movement reduced about a third, strength 4/5. No signs of instability.'} Explained the likely course. Home exercise programme given. Plan: weekly sessions, review progress at session 3.`
        : `${seen} Physiotherapy session ${visit}. Reports pain now ${Math.max(1, 7 - visit)}/10 at worst (was 7/10). Movement improving; exercises progressed and a graded return to ${person.jobTitle.toLowerCase()} duties discussed. Continue home programme.`;
    case 'counselling':
      return visit === 1
        ? `${seen} First counselling session. Agreed the contract: six sessions, confidentiality and its limits. Presents with low mood, worry and poor sleep linked to pressures at work and at home. No thoughts of harming themselves. CORE-10 score 21. Goals: sleep better, manage worry, feel able to talk to their manager.`
        : `${seen} Counselling session ${visit}. Worked on the worry cycle and a wind-down routine; has been using grounding exercises. CORE-10 score ${Math.max(6, 22 - visit * 3)} (from 21). Reports sleeping better on most nights.`;
    case 'review':
      return `${seen} Review. ${theme === 'stress' ? 'Mood much improved; sleeping six to seven hours. Phased return going to plan, now at three-quarters of contracted hours.' : 'Symptoms settling; managing the adjusted duties without difficulty.'} Adjustments working; manager supportive. Plan: finish the phased return as agreed; no further review needed unless things change.`;
    case 'assessment':
      switch (theme) {
        case 'stress':
          return `${seen} OH assessment. Low mood, worry and poor sleep for about three months. Under GP care; started an antidepressant six weeks ago with some benefit; on the waiting list for NHS talking therapy. PHQ-9 14, GAD-7 12. Identifies workload and a lack of breaks as the main pressures at work. No thoughts of harming themselves. Discussed a phased return and a stress risk assessment with the manager. Consents to a report; asked to see it first: recorded.`;
        case 'back':
          return `${seen} OH assessment. Mechanical low back pain after lifting, no red flags. Seen by GP; taking simple painkillers. Sitting tolerance about 40 minutes. Fit for work with adjustments: no heavy lifting for four weeks, regular changes of position. Refer to the force physiotherapist.`;
        case 'musculoskeletal':
          return `${seen} OH assessment. Injury some weeks ago, now improving; full weight bearing, some stiffness. Awaiting NHS physiotherapy. Fit for restricted duties, building up over four weeks. Manual handling to be avoided until review.`;
        case 'frequent':
          return `${seen} OH assessment. Seven short absences in twelve months: colds, gastroenteritis and migraine. Migraine is the common thread, about twice a month, with no preventive treatment yet. Advised to see GP about prevention. Screen breaks and steady shifts may help. No single condition explains all the absences.`;
        case 'serious':
          return `${seen} Assessment with the Force Medical Adviser. Completing treatment under hospital specialist care; fatigue the main problem now. Hospital team content for a gradual return. Likely to be covered by the Equality Act. Recommend a phased return over eight weeks with flexible hours for hospital appointments.`;
        case 'adjustments':
          return `${seen} OH assessment. Long-standing condition, well controlled but affected by shift changes and long periods without a break. Uses a monitor and needs regular meals. Fit for the role with adjustments: predictable shifts, breaks at set times, a private space when needed.`;
      }
  }
}

export const ADDENDA = [
  'Addendum: letter from the GP received, confirming the history given. No change to the advice.',
  'Addendum: telephone follow-up with the employee. The phased return is going well; no further concerns raised.',
  'Addendum: spoke to the physiotherapist, who agrees with the restrictions advised. No change to the report.',
  'Addendum: the employee rang to say their hospital follow-up has been moved to next month. Review date left as it is.',
];

/** The report's outcome, adjustments and advice for a theme. */
export function reportContent(theme: Theme, person: DemoPerson, pick: number) {
  const name = person.firstName;
  const adjustments: Record<Theme, string[]> = {
    stress: [
      'A phased return over four weeks, starting at half of contracted hours',
      'A stress risk assessment with the manager in the first week back',
      'Protected time for breaks, and no overtime during the phased return',
      'A weekly one-to-one with the manager for the first two months',
    ],
    back: [
      'No lifting over 10 kg for four weeks',
      'A workstation assessment, with a chair that supports the lower back',
      'Changes of position at least every 40 minutes',
    ],
    musculoskeletal: [
      'Restricted duties for four weeks: no manual handling and no restraint',
      'A phased return over three weeks',
      'Time off for physiotherapy appointments',
    ],
    frequent: [
      'Regular screen breaks of five minutes an hour',
      'Steady shifts rather than a rotating pattern, for three months',
      'Allow for migraine when applying the attendance policy, as a disability-related absence may be',
    ],
    serious: [
      'A phased return over eight weeks, starting at three short days a week',
      'Paid time off for hospital appointments',
      'Flexible start and finish times while fatigue persists',
      'No night shifts until the review',
    ],
    adjustments: [
      'Predictable shifts, agreed four weeks ahead',
      'Breaks at set times, with somewhere private to use',
      'A review of duties that involve long periods without a break',
    ],
  };
  const outcomes: Record<Theme, Outcome[]> = {
    stress: ['temporarily_unfit', 'fit_with_adjustments', 'fit_with_adjustments'],
    back: ['fit_with_adjustments', 'fit_with_adjustments', 'temporarily_unfit'],
    musculoskeletal: ['fit_with_adjustments', 'temporarily_unfit', 'fit_with_adjustments'],
    frequent: ['fit', 'fit_with_adjustments', 'fit_with_adjustments'],
    serious: ['temporarily_unfit', 'temporarily_unfit', 'unfit'],
    adjustments: ['fit_with_adjustments', 'fit_with_adjustments', 'fit'],
  };
  const disability: Record<Theme, 'likely' | 'unlikely' | 'not_known'> = {
    stress: pick % 2 === 0 ? 'not_known' : 'unlikely',
    back: 'unlikely',
    musculoskeletal: 'unlikely',
    frequent: pick % 3 === 0 ? 'likely' : 'not_known',
    serious: 'likely',
    adjustments: 'likely',
  };
  const outcome = outcomes[theme][pick % 3] ?? 'fit';
  const advice =
    outcome === 'unfit'
      ? `${name} is not fit for the demands of their present role, and is unlikely to be for the foreseeable future. Redeployment to a role without shift work or physical demands should be explored; they would be fit for such a role with the adjustments listed.`
      : outcome === 'temporarily_unfit'
        ? `${name} is not fit for work at present but is improving, and a return is likely soon with the adjustments below. Keep in touch weekly; a return-to-work meeting before they come back will help.`
        : outcome === 'fit_with_adjustments'
          ? `${name} is fit for work with the adjustments below. They are keen to be at work, and the adjustments should help them stay there.`
          : `${name} is fit for their role. No health reason was found that needs adjustments; the usual attendance procedure can be followed with the support the organisation offers everyone.`;
  return {
    outcome,
    adjustments: outcome === 'fit' ? [] : (adjustments[theme] ?? []),
    disabilityLikely: disability[theme],
    advice,
  };
}

const OWN_ANSWERS: Readonly<Record<string, readonly [string, string]>> = {
  'Would a phased return help, and over what period?': [
    'Not needed: a return to full duties is advised.',
    'Yes: over about four weeks, as set out in the adjustments.',
  ],
  'Are there parts of the work they should avoid for now?': [
    'No.',
    'Yes: see the adjustments. These are for a period, to be reviewed on the review date.',
  ],
  'Is there anything in the workload or the team we should change?': [
    'Nothing on health grounds.',
    'A stress risk assessment with them will show where; the adjustments are a start.',
  ],
  'Can they safely do the lifting and handling their role needs?': [
    'Yes.',
    'Not yet: see the limits in the adjustments, which should be reviewed on the review date.',
  ],
  'Would a workstation or vehicle assessment help?': ['It is not needed.', 'Yes, and soon.'],
  'Can they safely do the physical parts of the role?': ['Yes.', 'Not all of them yet: see the adjustments.'],
  'Would restricted duties for a period help them back sooner?': [
    'Not needed.',
    'Yes: for about four weeks, as set out in the adjustments.',
  ],
  'Is there an underlying health condition behind the pattern of short absences?': [
    'No single condition explains the absences; they were for unrelated short illnesses.',
    'Yes, in part: a condition that can be treated, and which the adjustments will help with.',
  ],
  'Is the level of attendance likely to improve?': [
    'Yes, there is no health reason why it should not.',
    'Yes, with treatment and the adjustments, though not at once.',
  ],
  'What support will they need during and after treatment?': [
    'None beyond the usual.',
    'Flexibility for appointments and fatigue, and regular contact: see the adjustments.',
  ],
  'What changes to shifts or duties would help?': ['None are needed.', 'See the adjustments.'],
  'Is specialist equipment needed?': ['No.', 'Not at present; the adjustments should be enough.'],
};

/** The clinician's answer to one of the referrer's questions. */
export function answerTo(question: string, outcome: Outcome, likelyReturnOn: string | null): string {
  if (question === USUAL_QUESTIONS[0])
    return outcome === 'fit'
      ? 'Yes.'
      : outcome === 'fit_with_adjustments'
        ? 'Yes, with the adjustments recommended.'
        : outcome === 'temporarily_unfit'
          ? 'Not at present; see the likely return date.'
          : 'No, not for the present role.';
  if (question === USUAL_QUESTIONS[1])
    return outcome === 'fit' ? 'None are needed on health grounds.' : 'See the recommended adjustments.';
  if (question === USUAL_QUESTIONS[2])
    return 'This is a legal question for the employer, but the advice on whether the provisions are likely to apply is given in this report.';
  if (question === USUAL_QUESTIONS[3])
    return likelyReturnOn
      ? `A return is likely from ${ukDate(likelyReturnOn)}, on a phased basis.`
      : 'They are at work, or can return now with the adjustments recommended.';
  return (
    OWN_ANSWERS[question]?.[outcome === 'fit' ? 0 : 1] ?? 'See the advice and the adjustments recommended.'
  );
}

/** A fact a report got wrong, how the employee asked for it to be put right, and the fact corrected. */
export const FACTUAL_CORRECTIONS = [
  {
    wrong: 'has been in the role for about ten years',
    right: 'has been in the role for about four years',
    request: 'The report says I have been in my role for about ten years. It is four years.',
  },
  {
    wrong: 'works a pattern that includes night shifts',
    right: 'works early and late shifts but no nights',
    request:
      'I do not work nights, only earlies and lates. Please correct this before it goes to my manager.',
  },
  {
    wrong: 'has had two previous referrals to occupational health',
    right: 'has not been referred to occupational health before',
    request: 'This is my first referral to occupational health, not my third.',
  },
] as const;

/** A request that is a matter of the clinician's opinion, with the clinician's answer. */
export const OPINION_REQUESTS = [
  {
    request: 'I do not agree that I should avoid night shifts for six weeks. I feel ready now.',
    answer:
      'This is a clinical opinion formed at the assessment, not a matter of fact, so the report stands. You can tell your manager your view when you discuss it with them.',
  },
  {
    request: 'Please take out the part saying the Equality Act is likely to apply.',
    answer:
      'Whether the provisions are likely to apply is the clinician’s opinion, so it stays as written. It does not put a label on you; it helps your employer consider adjustments.',
  },
] as const;

export const CORRECTED_ANSWER =
  'Thank you. The fact has been corrected in the report; the earlier wording is kept in its history.';

export const REJECTION_REASONS = [
  'The questions are about conduct, not health. This is for management to deal with under the disciplinary procedure; please refer again if a health matter comes to light.',
  'The referral does not say what advice is wanted. Please add the questions you want answered and the absence history, and refer again.',
  'The employee is already under the care of the NHS service for this condition and was seen by us last month. Our advice of that date still applies.',
];

export const EXTERNAL_PROVIDERS = [
  'Merrowby Psychological Therapies (cognitive behavioural therapy)',
  'Fellgate Orthopaedic Clinic (specialist opinion)',
  'Northern Audiology Services (hearing assessment)',
];

export const CLOSE_REASONS = {
  advised: 'Advice given and the report released; no further OH input needed.',
  reviewed: 'Reviewed after the phased return; back to full duties. Case closed.',
  withheld: 'The employee withheld the report. Case closed; the referrer may refer again.',
  physio: 'Course of physiotherapy completed; discharged with a home exercise programme.',
  counselling: 'Counselling sessions completed; the employee knows how to refer again if needed.',
  external: 'Referred to an external provider; the case is closed with us.',
  didNotAttend: 'The employee did not attend two appointments. Case closed; the referrer has been told.',
  noConsent: 'The employee did not give consent within 28 days, so the referral was not sent.',
  noReport: 'Counselling completed; the employee did not want a report sent.',
} as const;
