import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroContacts } from "@/db/schema";
import { connectedSyncOrg, sandboxForFile } from "@/test/xero-app-sandbox";
import { PAGE_SIZE, pullResourcePage } from "./pull-resources";

const sandboxOf = sandboxForFile();

describe("pulls walk by time, not by offset", () => {
  it("a record changed in Xero during a multi-page walk skips nothing: every contact arrives, the changed one as changed", async () => {
    const db = getDb();
    const sandbox = sandboxOf();
    const { orgId, tenantId } = await connectedSyncOrg(db, sandbox, { seed: "empty" });
    const books = sandbox.sandbox.org(tenantId)!;
    const start = Date.UTC(2026, 0, 1);
    const total = PAGE_SIZE * 2 + 100;
    const ids = Array.from({ length: total }, (_, i) => {
      const id = crypto.randomUUID();
      books.contacts.put({ ContactID: id, ContactStatus: "ACTIVE", Name: `Walker ${String(i).padStart(4, "0")}`, Addresses: [], Phones: [], UpdatedDateUTC: start + i * 1000 });
      return id;
    });

    let query: { page: number; since: Date | null; xeroTenantId?: string } | null = { page: 1, since: null };
    let calls = 0;
    while (query) {
      const r = await pullResourcePage(db, orgId, "contacts", { ...query, walkFrom: null, initial: true, trigger: "initial" });
      calls++;
      // After the first page, the accountant renames a contact already read: it moves to the end of Xero's order.
      if (calls === 1) books.contacts.put({ ...books.contacts.get(ids[10])!, Name: "Walker Renamed", UpdatedDateUTC: Date.now() });
      query = r.next;
    }
    const mirrored = await db.select({ id: xeroContacts.xeroContactId, name: xeroContacts.name }).from(xeroContacts).where(eq(xeroContacts.orgId, orgId));
    expect(mirrored).toHaveLength(total);
    expect(mirrored.find((m) => m.id === ids[10])?.name).toBe("Walker Renamed");
    // Each query re-reads only the boundary second: still one call per page of records, plus the changed one's.
    expect(calls).toBeLessThanOrEqual(4);
  });
});
