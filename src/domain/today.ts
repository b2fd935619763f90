/** Formats an instant as its date in the UK; made once, as making one costs far more than using it. */
const UK_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the UK, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return UK_DATE.format(now);
}
