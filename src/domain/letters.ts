/**
 * Letters from templates the organisation can edit. A template is plain text with placeholders
 * in double braces, such as {{personName}}; the letter is kept word for word as issued.
 */
export const LETTER_KINDS = {
  invitation: 'Invitation to a meeting',
  outcome: 'Outcome of a meeting',
} as const;
export type LetterKind = keyof typeof LETTER_KINDS;

export const PLACEHOLDERS = {
  personName: 'The person’s full name',
  organisationName: 'The organisation’s name',
  stage: 'The meeting, such as “First formal attendance management meeting”',
  meetingDate: 'The date of the meeting',
  meetingTime: 'The time the meeting starts, such as “10:30am”',
  location: 'Where the meeting is held',
  noticeDate: 'The date written notice was given',
  outcome: 'The outcome (outcome letters)',
  rationale: 'The documented rationale (outcome letters)',
  reviewDate: 'The review date, when there is one (outcome letters)',
  senderName: 'The name of the person issuing the letter',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export interface LetterTemplate {
  subject: string;
  body: string;
}

export const DEFAULT_TEMPLATES: Record<LetterKind, LetterTemplate> = {
  invitation: {
    subject: 'Invitation: {{stage}} on {{meetingDate}}',
    body: `Dear {{personName}},

I am writing to invite you to a {{stage}}.

Date: {{meetingDate}}
Time: {{meetingTime}}
Place: {{location}}

The meeting is a chance to talk about your health and wellbeing, the support you have had so far and anything more that could help you at work. We will look at your attendance together and agree what happens next.

You have the right to be accompanied by a trade union representative or a work colleague. Please let me know who will come with you, or if you would like the meeting arranged differently, for example because of a disability.

If you would like to talk before the meeting, please get in touch. Support is available to you at any time through the Employee Assistance Programme and Occupational Health.

Yours sincerely,

{{senderName}}
{{organisationName}}

This letter was given to you on {{noticeDate}}.`,
  },
  outcome: {
    subject: 'Outcome: {{stage}} held on {{meetingDate}}',
    body: `Dear {{personName}},

Thank you for attending the {{stage}} on {{meetingDate}}. This letter confirms what we discussed and agreed.

Outcome: {{outcome}}

The reasons for this decision: {{rationale}}

Review date: {{reviewDate}}

If you disagree with a formal decision, you have the right to appeal. Please write to HR within 14 calendar days of receiving this letter, setting out your reasons.

Support remains available to you through the Employee Assistance Programme and Occupational Health.

Yours sincerely,

{{senderName}}
{{organisationName}}`,
  },
};

const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders in a template that the product does not know. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] ?? '';
    if (!(name in PLACEHOLDERS)) unknown.add(name);
  }
  return [...unknown];
}

/**
 * Placeholders whose values are ordinary phrases, such as “Informal stage meeting”: written in
 * lower case when they fall in the middle of a sentence (“invite you to an informal stage
 * meeting”) and left as they are at the start of one or after a colon.
 */
const PHRASES: ReadonlySet<Placeholder> = new Set<Placeholder>(['stage', 'outcome']);

/** Words starting with a vowel letter that are said with a consonant sound, and the reverse. */
const SAID_WITH_A = /^(uni|use|usu|uti|ura|ure|uro|eu|ewe|one|once|ubi|uk\b)/i;
const SAID_WITH_AN = /^(hour|honest|honou?r|heir)/i;
/** Capital letters whose names start with a vowel sound: “an HR meeting”, “an OH referral”. */
const LETTERS_SAID_WITH_AN = 'AEFHILMNORSX';

/** The indefinite article that goes before a phrase, as it is said: “a”, or “an”. */
export function indefiniteArticle(phrase: string): 'a' | 'an' {
  const word = phrase.trim().split(/[\s/-]/)[0] ?? '';
  if (/^[A-Z]{2,}$/.test(word)) return LETTERS_SAID_WITH_AN.includes(word[0] ?? '') ? 'an' : 'a';
  if (/^\d/.test(word)) return /^(8|11(\D|$)|18(\D|$))/.test(word) ? 'an' : 'a';
  if (SAID_WITH_AN.test(word)) return 'an';
  if (SAID_WITH_A.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Whether text written so far ends mid-sentence, so that what follows is not its first word. */
function midSentence(before: string): boolean {
  return /[\p{L}\p{N},;)]\s*$/u.test(before) && !/\n\s*$/.test(before);
}

/** A line that only labels one value, such as “Time: {{meetingTime}}”. */
const LABELLED_LINE = /^[^\n{}:]{1,40}:[ \t]*\{\{\s*([A-Za-z]+)\s*\}\}[ \t]*\.?[ \t]*$/;

const NOT_RECORDED = 'not recorded';

/**
 * A letter as issued, without the lines that only label a value the letter did not know, such as
 * “Time: not recorded” in letters issued before the time was asked for.
 */
export function withoutUnknownLines(body: string): string {
  return body
    .split('\n')
    .filter((line) => !/^[^\n:]{1,40}:[ \t]*not recorded\.?[ \t]*$/.test(line))
    .join('\n')
    .replace(/\n[ \t]*\n([ \t]*\n)+/g, '\n\n');
}

/**
 * Fills a template's placeholders. A line that only labels a value that is not known, such as
 * “Time: {{meetingTime}}” with no time, is left out; any other unknown value reads “not recorded”. Where a
 * value follows “a” or “an”, the article is made to agree with it, and a phrase in the middle
 * of a sentence reads in lower case, so “invite you to a {{stage}}” gives “invite you to an
 * informal stage meeting”.
 */
export function fillTemplate(
  template: LetterTemplate,
  values: Partial<Record<Placeholder, string | null>>,
): LetterTemplate {
  const known = (name: string) => {
    const given = values[name as Placeholder];
    return given !== undefined && given !== null && given !== '';
  };
  const fill = (template: string) => {
    const text = template
      .split('\n')
      .filter((line) => {
        const name = LABELLED_LINE.exec(line)?.[1];
        return name === undefined || known(name);
      })
      .join('\n')
      .replace(/\n[ \t]*\n([ \t]*\n)+/g, '\n\n');
    let written = '';
    let from = 0;
    for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
      written += text.slice(from, match.index);
      from = match.index + match[0].length;
      const name = (match[1] ?? '') as Placeholder;
      let value = known(name) ? (values[name] as string) : NOT_RECORDED;
      if (PHRASES.has(name) && midSentence(written)) value = lowerFirst(value);
      written = written.replace(/\b(a|an|A|An|AN)(\s+)$/, (_, article: string, space: string) => {
        const agreed = indefiniteArticle(value);
        return `${article[0] === 'A' ? capitalise(agreed) : agreed}${space}`;
      });
      written += value;
    }
    return written + text.slice(from);
  };
  return { subject: fill(template.subject), body: fill(template.body) };
}

/** “Informal stage meeting” → “informal stage meeting”; a word in capitals (“HR”) is left as it is. */
function lowerFirst(text: string): string {
  const first = text.split(/\s/)[0] ?? '';
  if (/^[A-Z]{2,}/.test(first)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
