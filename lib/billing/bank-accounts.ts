import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroAccounts } from "@/db/schema";
import { AppError } from "@/lib/errors";

export interface BankAccount {
  code: string;
  name: string;
  currency: string | null;
}

/**
 * The organisation's Xero BANK accounts as last mirrored (the reference pull keeps them): the
 * accounts a payment may go into. An account without a code cannot be named by one, so it is left out.
 */
export async function listBankAccounts(db: Db, orgId: string): Promise<BankAccount[]> {
  const rows = await db
    .select({ code: xeroAccounts.code, name: xeroAccounts.name, currency: xeroAccounts.currency })
    .from(xeroAccounts)
    .where(and(eq(xeroAccounts.orgId, orgId), eq(xeroAccounts.type, "BANK"), eq(xeroAccounts.status, "ACTIVE"), sql`${xeroAccounts.code} is not null`))
    .orderBy(asc(xeroAccounts.code));
  return rows.map((r) => ({ code: r.code!, name: r.name, currency: r.currency }));
}

/**
 * The bank account a payment names, checked before any call: one of Xero's active BANK accounts.
 * The guide's "bank account not mapped" is answered here with the accounts there are, naming the field.
 */
export async function requireBankAccount(db: Db, orgId: string, code: string | null, field = "bankAccountCode"): Promise<BankAccount> {
  const accounts = await listBankAccounts(db, orgId);
  const choices = accounts.length ? `Xero's bank accounts: ${accounts.map((a) => `${a.code} (${a.name})`).join(", ")}.` : "Xero has no bank account yet (or the accounts have not been read): add one in Xero, then sync.";
  if (!code) throw new AppError("validation", `No bank account: choose one, or map a default in Settings -> Invoicing. ${choices}`, [{ field, message: `Choose the Xero bank account the payment went into, or map a default in Settings -> Invoicing. ${choices}` }]);
  const found = accounts.find((a) => a.code.toLowerCase() === code.trim().toLowerCase());
  if (!found) throw new AppError("validation", `'${code}' is not one of Xero's bank accounts, so Xero cannot take a payment into it. ${choices}`, [{ field, message: `'${code}' is not a Xero BANK account. ${choices}` }]);
  return found;
}
