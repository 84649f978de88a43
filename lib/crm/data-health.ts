import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, products } from "@/db/schema";

const LEGAL_SUFFIXES = /\b(inc|incorporated|ltd|limited|llc|llp|plc|co|corp|corporation|company|gmbh|pty|sa|sarl|bv|ag)\b/g;

/** "ACME Limited", "Acme, Ltd." and "acme" are the same company to a person reading a list. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(LEGAL_SUFFIXES, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

export interface DuplicateGroup {
  reason: "same email" | "same name";
  key: string;
  customers: { id: string; name: string; email: string | null; createdAt: Date }[];
}

export interface DataHealthReport {
  duplicates: DuplicateGroup[];
  missingEmail: { id: string; name: string }[];
  invalidEmail: { id: string; name: string; email: string }[];
  missingAddress: { id: string; name: string }[];
  unmappedProducts: { id: string; code: string; name: string; missing: string[] }[];
  /** Products that look like one product under two codes (same normalised name), or carry no price. */
  duplicateProducts: { key: string; products: { id: string; code: string; name: string; unitPrice: string; currency: string }[] }[];
  unpricedProducts: { id: string; code: string; name: string }[];
}

/**
 * The duplicate rule, shared by Data health and the sync (which holds such customers in Sync ->
 * Review before their first push): the same email (case-insensitive), else the same normalised name.
 * Rows come oldest first, and each group lists its customers in that order.
 */
export function duplicateGroups<T extends { id: string; name: string; email: string | null; createdAt: Date }>(rows: T[]): DuplicateGroup[] {
  const byEmail = new Map<string, T[]>();
  const byName = new Map<string, T[]>();
  for (const c of rows) {
    const email = c.email?.trim().toLowerCase();
    if (email) byEmail.set(email, [...(byEmail.get(email) ?? []), c]);
    const n = normaliseName(c.name);
    if (n) byName.set(n, [...(byName.get(n) ?? []), c]);
  }
  const duplicates: DuplicateGroup[] = [];
  const grouped = new Set<string>();
  const pick = (c: T) => ({ id: c.id, name: c.name, email: c.email, createdAt: c.createdAt });
  for (const [key, group] of byEmail) {
    if (group.length < 2) continue;
    duplicates.push({ reason: "same email", key, customers: group.map(pick) });
    group.forEach((c) => grouped.add(c.id));
  }
  for (const [key, group] of byName) {
    const rest = group.filter((c) => !grouped.has(c.id));
    if (group.length < 2 || rest.length === 0) continue;
    duplicates.push({ reason: "same name", key, customers: group.map(pick) });
  }
  return duplicates;
}

/** Everything to clean before (or while) syncing with Xero, each finding pointing at one record to fix. */
export async function dataHealthReport(db: Db, orgId: string): Promise<DataHealthReport> {
  const rows = await db
    .select({ id: customers.id, name: customers.name, email: customers.email, country: customers.country, addressLine1: customers.addressLine1, city: customers.city, createdAt: customers.createdAt })
    .from(customers)
    .where(eq(customers.orgId, orgId))
    .orderBy(customers.createdAt);
  const duplicates = duplicateGroups(rows);
  const catalogue = await db
    .select({ id: products.id, code: products.code, name: products.name, unitPrice: products.unitPrice, currency: products.currency })
    .from(products)
    .where(and(eq(products.orgId, orgId), isNull(products.archivedAt)))
    .orderBy(products.code);
  const byProductName = new Map<string, typeof catalogue>();
  for (const p of catalogue) byProductName.set(normaliseName(p.name), [...(byProductName.get(normaliseName(p.name)) ?? []), p]);
  const unmapped = await db
    .select({ id: products.id, code: products.code, name: products.name, xeroItemCode: products.xeroItemCode, salesAccountCode: products.salesAccountCode, taxType: products.taxType })
    .from(products)
    .where(and(eq(products.orgId, orgId), isNull(products.archivedAt), or(isNull(products.xeroItemCode), isNull(products.salesAccountCode), isNull(products.taxType))));
  return {
    duplicates,
    missingEmail: rows.filter((c) => !c.email).map((c) => ({ id: c.id, name: c.name })),
    invalidEmail: rows.filter((c) => c.email && !EMAIL.test(c.email)).map((c) => ({ id: c.id, name: c.name, email: c.email! })),
    missingAddress: rows.filter((c) => !c.country || !c.addressLine1 || !c.city).map((c) => ({ id: c.id, name: c.name })),
    duplicateProducts: [...byProductName].filter(([, group]) => group.length > 1).map(([key, group]) => ({ key, products: group })),
    unpricedProducts: catalogue.filter((p) => Number(p.unitPrice) === 0).map((p) => ({ id: p.id, code: p.code, name: p.name })),
    unmappedProducts: unmapped.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      missing: [!p.xeroItemCode && "Xero item code", !p.salesAccountCode && "sales account", !p.taxType && "tax type"].filter((m): m is string => !!m),
    })),
  };
}
