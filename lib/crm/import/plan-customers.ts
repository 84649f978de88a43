import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, type ImportProblem } from "@/db/schema";
import type { CrmActor } from "../crm-actor";
import { canEditOwned } from "../record-access";
import { customerInput, type CustomerInput } from "../schemas";
import { claimKey, mappedValues, parseRow, type ImportPlan } from "./import-plan";

/**
 * Validates customer rows and matches each to an existing customer by external id, then by email,
 * so importing the same file twice updates instead of duplicating.
 */
export async function planCustomers(db: Db, actor: CrmActor, rows: Record<string, string>[], mapping: Record<string, string>, onProgress: (done: number) => Promise<void>): Promise<ImportPlan<CustomerInput>> {
  const problems: ImportProblem[] = [];
  const parsed: { row: number; input: CustomerInput }[] = [];
  const seenEmail = new Map<string, number>();
  const seenExternal = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    const input = parseRow(customerInput, mappedValues(raw, mapping), row, problems);
    if (!input) return;
    if (!claimKey(seenExternal, input.externalId, row, "externalId", problems)) return;
    if (!input.externalId && !claimKey(seenEmail, input.email, row, "email", problems)) return;
    parsed.push({ row, input });
  });
  await onProgress(Math.floor(rows.length / 2));

  const externalIds = parsed.map((p) => p.input.externalId).filter((v): v is string => !!v);
  const emails = parsed.map((p) => p.input.email).filter((v): v is string => !!v);
  const existing = new Map<string, { id: string; ownerId: string | null }>();
  for (let i = 0; i < Math.max(externalIds.length, emails.length); i += 1000) {
    const ext = externalIds.slice(i, i + 1000);
    const em = emails.slice(i, i + 1000);
    if (ext.length) {
      const found = await db.select({ id: customers.id, ownerId: customers.ownerId, externalId: customers.externalId }).from(customers).where(and(eq(customers.orgId, actor.orgId), inArray(customers.externalId, ext)));
      for (const c of found) existing.set(`x:${c.externalId}`, c);
    }
    if (em.length) {
      const found = await db
        .select({ id: customers.id, ownerId: customers.ownerId, email: sql<string>`lower(${customers.email})` })
        .from(customers)
        .where(and(eq(customers.orgId, actor.orgId), inArray(sql`lower(${customers.email})`, em)));
      for (const c of found) if (!existing.has(`e:${c.email}`)) existing.set(`e:${c.email}`, c);
    }
  }

  const records: ImportPlan<CustomerInput>["records"] = [];
  for (const { row, input } of parsed) {
    const match = (input.externalId && existing.get(`x:${input.externalId}`)) || (input.email && existing.get(`e:${input.email}`)) || null;
    if (match && !canEditOwned(actor, match.ownerId)) {
      problems.push({ row, field: "email", message: "Matches a customer owned by someone else; sales members update only their own." });
      continue;
    }
    records.push({ rows: [row], input, existingId: match?.id ?? null });
  }
  await onProgress(rows.length);
  return { records, problems };
}
