// Calendar days in the person's own time zone, as date fields hold them (YYYY-MM-DD), and back to instants.

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today in the person's calendar. */
export function today(): string {
  return dayOf(new Date());
}

/** The local calendar day of an instant ('' for none). */
export function localDay(value: string | null | undefined): string {
  return value ? dayOf(new Date(value)) : '';
}

/** Noon of a local day as an ISO instant: the same day in every time zone within twelve hours of this one. */
export function noonOf(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1, 12).toISOString();
}

/** The local day a number of days, months or years from today (months and years keep the day of the month where it exists). */
export function dayAfter(amount: number, unit: 'day' | 'month' | 'year', from: Date = new Date()): string {
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate(), 12);
  if (unit === 'day') date.setDate(date.getDate() + amount);
  else {
    const day = date.getDate();
    date.setDate(1);
    date.setMonth(date.getMonth() + (unit === 'month' ? amount : amount * 12));
    const last = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
    date.setDate(Math.min(day, last));
  }
  return dayOf(date);
}
