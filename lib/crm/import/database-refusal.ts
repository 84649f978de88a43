import { pgErrorOf } from "@/lib/log/safe-error";

/** Postgres refusals caused by the data itself (classes 22 and 23), in words a person can act on. */
const MESSAGES: Record<string, string> = {
  "22001": "A text is too long for its field. Shorten it.",
  "22003": "A number is too large for its field. Lower it or split the record.",
  "22007": "A date is not valid. Use a date like 2026-12-31.",
  "22008": "A date is out of range. Use a year between 1900 and 2999.",
  "22P02": "A value has the wrong format for its field.",
  "23502": "A required value is missing.",
  "23503": "It refers to a record that no longer exists.",
  "23505": "Another record already has the same key (code, email or external id).",
  "23514": "A value breaks a rule of its field.",
};

/** The message for a refusal caused by the record, or null when the failure is not the record's fault (then it is re-thrown). */
export function databaseRefusalMessage(error: unknown): string | null {
  const code = pgErrorOf(error)?.code;
  if (!code) return null;
  return MESSAGES[code] ?? (code.startsWith("22") || code.startsWith("23") ? "The database refused this record's values." : null);
}
