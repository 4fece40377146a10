/**
 * A calendar day given as YYYY-MM-DD (the bundled snapshot's date) in the page's language
 * ("4 May 2026", "04.05.2026"); the text as given when it is not such a day.
 */
export function formatIsoDay(day: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(at)) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}
