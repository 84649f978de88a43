import { AsyncLocalStorage } from "node:async_hooks";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { xeroConnections } from "@/db/schema";

/**
 * The organisation switched to another Xero organisation while a call was out: its answer is the
 * old books', and must not be written anywhere (not an answer from Xero the caller can settle by).
 */
export class XeroOrganisationSwitchedError extends Error {
  constructor() {
    super("The Xero organisation was switched while this call ran; its answer was dropped.");
    this.name = "XeroOrganisationSwitchedError";
  }
}

/**
 * The Xero organisation a unit of work was prepared for (a drain of the outbox, a pull walk): set by
 * forXeroTenant, read by callXero, which refuses to send anything to other books. Without it, work
 * read and built for the old books (a payload, a half-done walk, a "contacts are matched" decision)
 * would go to the new ones after a switch, and the answer would pass every check, being theirs.
 */
const workTenant = new AsyncLocalStorage<string>();

/** Runs `work` as work for this Xero organisation: callXero and writeForXeroTenant refuse any other. */
export const forXeroTenant = <R>(xeroTenantId: string, work: () => Promise<R>): Promise<R> => workTenant.run(xeroTenantId, work);

/** The Xero organisation the current work is for, if it said. */
export const expectedXeroTenant = (): string | undefined => workTenant.getStore();

/** Throws when the current work was prepared for other books than these. */
export function assertWorkTenant(xeroTenantId: string): void {
  const expected = workTenant.getStore();
  if (expected !== undefined && expected !== xeroTenantId) throw new XeroOrganisationSwitchedError();
}

export async function isStillTenant(db: Db, orgId: string, tenantId: string): Promise<boolean> {
  const [row] = await db.select({ tenantId: xeroConnections.xeroTenantId }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId));
  return row?.tenantId === tenantId;
}

/**
 * Writes what one Xero organisation answered, in one transaction that first locks the connection
 * row (key share) and checks it still points at that organisation. The switch holds the same row
 * for update while it forgets the old books (connect-flow's saveConnection), so the two cannot
 * interleave: a write that got in first is forgotten with the rest, and one that waited sees the
 * new organisation and throws, leaving nothing behind. A check before the write alone would not
 * do: the switch can commit between the check and the write. Key share, so status updates and
 * token refreshes of the row (no-key updates) never wait on a page being written.
 */
export async function writeForXeroTenant<R>(db: Db, orgId: string, xeroTenantId: string, write: (tx: Db) => Promise<R>): Promise<R> {
  assertWorkTenant(xeroTenantId);
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ tenantId: xeroConnections.xeroTenantId }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId)).for("key share");
    if (row?.tenantId !== xeroTenantId) throw new XeroOrganisationSwitchedError();
    return write(tx);
  });
}
