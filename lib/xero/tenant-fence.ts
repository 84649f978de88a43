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
 * do: the switch can commit between the check and the write. Key share so token refreshes and
 * status updates of the row (plain updates) never wait on a page being written.
 */
export async function writeForXeroTenant<R>(db: Db, orgId: string, xeroTenantId: string, write: (tx: Db) => Promise<R>): Promise<R> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ tenantId: xeroConnections.xeroTenantId }).from(xeroConnections).where(eq(xeroConnections.orgId, orgId)).for("key share");
    if (row?.tenantId !== xeroTenantId) throw new XeroOrganisationSwitchedError();
    return write(tx);
  });
}
