/**
 * Who a form or a record is about, so that its questions speak to the right person: to the
 * employee filling in their own ("Did you go home part-way through your first shift?"), or about
 * someone else to a manager or HR ("Did Amelia Brown go home part-way through their first shift?").
 * Pages pass one as `subject`, and templates shared by both read its words instead of writing
 * their own.
 */
export interface Subject {
  /** The person is the one reading. */
  self: boolean;
  /** The first mention in a question: "you" or the person's name. */
  name: string;
  /** The same at the start of a sentence: "You" or the person's name. */
  Name: string;
  /** Later mentions: "you" or "they". */
  they: string;
  /** The same at the start of a sentence: "You" or "They". */
  They: string;
  /** "your" or "their". */
  their: string;
  /** At the start of a heading or label: "Your" or "Amelia Brown’s". */
  whose: string;
}

/** The employee, about their own record. */
export function selfSubject(): Subject {
  return { self: true, name: 'you', Name: 'You', they: 'you', They: 'You', their: 'your', whose: 'Your' };
}

/** Someone else, by name: the person a manager or HR is recording for. */
export function personSubject(name: string): Subject {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A person named on a page needs a name');
  return {
    self: false,
    name: trimmed,
    Name: trimmed,
    they: 'they',
    They: 'They',
    their: 'their',
    whose: `${trimmed}’s`,
  };
}
