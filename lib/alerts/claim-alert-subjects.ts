import type { Db } from "@/db";
import { alertsRaised } from "@/db/schema";
import type { AlertKind } from "./alert-kinds";

/**
 * Of the subjects an alert would be about (an invoice in a stage, a deal's leakage kind), the ones
 * it was never raised for, recorded as raised in the same statement: two jobs at once, or a rerun
 * of one, raise each subject once.
 */
export async function claimAlertSubjects(db: Db, orgId: string, kind: AlertKind, subjects: string[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  const unique = [...new Set(subjects)];
  for (let n = 0; n < unique.length; n += 500) {
    const rows = await db
      .insert(alertsRaised)
      .values(unique.slice(n, n + 500).map((subject) => ({ orgId, kind, subject })))
      .onConflictDoNothing()
      .returning({ subject: alertsRaised.subject });
    rows.forEach((r) => fresh.add(r.subject));
  }
  return fresh;
}
