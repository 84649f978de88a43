import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as openLink } from "@/app/i/[token]/route";
import { devMailbox, xeroInvoices } from "@/db/schema";
import { pullResources } from "@/lib/sync/pull/pull-resources";
import { drainAll, invoicesFor, invoicingOrg } from "@/test/sync-fixtures";
import { sandboxForFile } from "@/test/xero-app-sandbox";
import { displayStatusOf } from "./display-status";
import { getInvoiceSettings, saveInvoiceSettings } from "./invoice-settings";

const sandboxOf = sandboxForFile();

const open = async (token: string) => {
  const res = await openLink(new Request(`http://app.test/i/${token}`), { params: Promise.resolve({ token }) });
  return { status: res.status, location: res.headers.get("location") };
};

describe("invoices sent by Ledgerbridge with a tracked link", () => {
  it("an approved invoice is emailed by us, naming its number, with a link that opens Xero's online invoice; the first open records Viewed here and a note in Xero; nothing is sent twice", async () => {
    const sandbox = sandboxOf();
    const org = await invoicingOrg(sandbox, { status: "AUTHORISED", customerName: "Tracked Reader" });
    const { db, orgId, tenantId } = org;
    await saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), sendByLedgerbridge: true });
    const deal = await org.newDeal("Tracked work");
    await drainAll(orgId);
    const [inXero] = invoicesFor(sandbox, tenantId, deal.id);
    expect(inXero.Status).toBe("AUTHORISED");
    // Ours, not Xero's email.
    expect(sandbox.control.requests({ tenantId, pathPrefix: "/api.xro/2.0/Invoices" }).filter((r) => r.path.endsWith("/Email"))).toHaveLength(0);
    const mails = await db.select().from(devMailbox).where(eq(devMailbox.to, "ap@tracked-reader.test")).orderBy(desc(devMailbox.createdAt));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject.startsWith(`Invoice ${inXero.InvoiceNumber} from `)).toBe(true);
    const token = /\/i\/([A-Za-z0-9_-]+)/.exec(mails[0].text)![1];
    const mirrored = async () => (await db.select().from(xeroInvoices).where(and(eq(xeroInvoices.orgId, orgId), eq(xeroInvoices.xeroInvoiceId, inXero.InvoiceID))))[0];
    expect(displayStatusOf(await mirrored(), "2026-01-01")).toBe("Sent");

    const first = await open(token);
    expect(first).toEqual({ status: 302, location: `${sandbox.url}/__sandbox/online-invoice/${inXero.InvoiceID}` });
    const seen = await mirrored();
    expect(seen.viewedAt).toBeTruthy();
    expect(displayStatusOf(seen, "2026-01-01")).toBe("Viewed");
    const notes = () => sandbox.sandbox.org(tenantId)!.invoices.get(inXero.InvoiceID)!.History.filter((h) => h.Details?.startsWith("Viewed by the customer"));
    expect(notes()).toHaveLength(1);
    // A second open goes to the invoice again, and records nothing new.
    expect((await open(token)).status).toBe(302);
    expect(notes()).toHaveLength(1);
    expect((await mirrored()).viewedAt!.getTime()).toBe(seen.viewedAt!.getTime());
    // A made-up or truncated link is not found.
    expect((await open("x".repeat(43))).status).toBe(404);
    expect((await open(token.slice(0, 10))).status).toBe(404);
  });

  it("an invoice approved in Xero (seen going from draft to approved) is sent by us too, once", async () => {
    const sandbox = sandboxOf();
    const org = await invoicingOrg(sandbox, { status: "DRAFT", customerName: "Approved Later" });
    const { db, orgId, tenantId } = org;
    await saveInvoiceSettings(db, orgId, { ...(await getInvoiceSettings(db, orgId)), sendByLedgerbridge: true });
    const deal = await org.newDeal("Draft first");
    await drainAll(orgId);
    const [draft] = invoicesFor(sandbox, tenantId, deal.id);
    const mailsTo = () => db.select().from(devMailbox).where(eq(devMailbox.to, "ap@approved-later.test"));
    expect(await mailsTo()).toHaveLength(0);
    sandbox.control.approveInvoice(tenantId, draft.InvoiceID);
    await pullResources(db, orgId, ["invoices"], { mode: "incremental", trigger: "schedule" });
    await drainAll(orgId);
    await pullResources(db, orgId, ["invoices"], { mode: "incremental", trigger: "schedule" });
    await drainAll(orgId);
    const mails = await mailsTo();
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(draft.InvoiceNumber!);
  });
});
