/** Calendar days and months as text (YYYY-MM-DD, YYYY-MM), computed in UTC so no local clock shifts them. */

/** Today's date where the organisation is (its timezone as set in the portal). */
export const todayIn = (timezone: string, now = new Date()): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** The hour (0-23) it is where the organisation is. */
export const hourIn = (timezone: string, now = new Date()): number => Number(new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", hourCycle: "h23" }).format(now));

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const dayText = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => {
  const d = asDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return dayText(d);
};

/** The month `n` months after `month` (YYYY-MM). */
export const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
};

/** Whole months from `from` to `to`, both included (0 when the same month). */
export const monthsBetween = (from: string, to: string): number => {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return ty * 12 + tm - (fy * 12 + fm);
};

/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((asDate(to).getTime() - asDate(from).getTime()) / 86_400_000);

/** The Monday of the week `day` falls in. */
export const mondayOf = (day: string): string => addDays(day, -((asDate(day).getUTCDay() + 6) % 7));

/** Whether text is a real calendar day (2026-02-30 is not). */
export const isCalendarDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(asDate(value).getTime()) && dayText(asDate(value)) === value;

/** Whether text is a month (YYYY-MM, month 01-12). */
export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
