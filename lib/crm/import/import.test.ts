import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, deals, importJobs, syncItems } from "@/db/schema";
import { createProduct } from "../products";
import { productInput } from "../schemas";
import { makeCrmOrg } from "../test-actors";
import { parseInput } from "@/lib/validation";
import { guessMapping } from "./import-fields";
import { createImportJob, getImportJob, isStalled, previewImport, queueImport, rejectedRowsCsv, saveMapping } from "./import-jobs";
import { runImport } from "./run-import";

const CUSTOMERS_CSV = [
  "Company Name,Email Address,Country,Lead Source,Payment Terms,Record ID",
  "Acme Ltd,ap@acme.test,GB,Referral,30,c-1",
  "Bad Email Co,not-an-email,US,Website,,c-2",
  "Wrong Country,ok@wrong.test,United States,Website,abc,c-3",
  "Globex,ap@globex.test,us,Google Ads,15,c-4",
  "Acme Again,other@acme.test,GB,Referral,30,c-1",
].join("\n");

async function importFile(type: "customers" | "deals" | "products", text: string, mode: "all_or_nothing" | "valid_only", org?: Awaited<ReturnType<typeof makeCrmOrg>>) {
  const db = getDb();
  const o = org ?? (await makeCrmOrg(db));
  const job = await createImportJob(db, o.owner, { type, fileName: `${type}.csv`, text });
  await queueImport(db, o.owner, job.id, mode);
  return { db, org: o, job: await runImport(db, job.id) };
}

describe("CSV import", () => {
  it("guesses the mapping from CRM-style headers", () => {
    expect(guessMapping("customers", ["Company Name", "Email Address", "Zip", "Record ID", "Unrelated"])).toEqual({ name: "Company Name", email: "Email Address", postalCode: "Zip", externalId: "Record ID" });
  });

  it("lists every problem by row, field and fix in the preview, writing nothing", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const job = await createImportJob(db, org.owner, { type: "customers", fileName: "c.csv", text: CUSTOMERS_CSV });
    const preview = await previewImport(db, org.owner, job);
    expect(preview).toMatchObject({ total: 5, validRows: 2, creates: 2, updates: 0 });
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [2, "email"],
      [3, "country"],
      [3, "paymentTermDays"],
      [5, "externalId"],
    ]);
    expect(preview.problems[1].message).toMatch(/two-letter country code/);
    expect(await db.select().from(customers).where(eq(customers.orgId, org.orgId))).toHaveLength(0);
  });

  it("all-or-nothing writes nothing when a row is bad, and says why", async () => {
    const { db, org, job } = await importFile("customers", CUSTOMERS_CSV, "all_or_nothing");
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/Nothing was imported: 3 row\(s\)/);
    expect(job.rejectedRows).toEqual([2, 3, 5]);
    expect(await db.select().from(customers).where(eq(customers.orgId, org.orgId))).toHaveLength(0);
    expect(await db.select().from(syncItems).where(eq(syncItems.orgId, org.orgId))).toHaveLength(0);
  });

  it("valid-only imports the good rows, offers the rejected ones as CSV, and a re-import updates instead of duplicating", async () => {
    const { db, org, job } = await importFile("customers", CUSTOMERS_CSV, "valid_only");
    expect(job).toMatchObject({ status: "done", createdCount: 2, updatedCount: 0, rejectedRows: [2, 3, 5] });
    const rejected = rejectedRowsCsv(job, true).split(/\r?\n/);
    expect(rejected[0]).toBe("Company Name,Email Address,Country,Lead Source,Payment Terms,Record ID,Import problem");
    expect(rejected).toHaveLength(4);
    expect(rejected[2]).toMatch(/^Wrong Country,.*country: Use the two-letter country code.*paymentTermDays/);

    const fixed = CUSTOMERS_CSV.replace("not-an-email", "ap@bad.test").replace("United States", "US").replace(",abc,", ",45,").replace("Acme Ltd,ap@acme.test,GB,Referral,30,c-1", "Acme Ltd,ap@acme.test,GB,Referral,60,c-1").replace("other@acme.test,GB,Referral,30,c-1", "other@acme.test,GB,Referral,30,c-5");
    const again = await importFile("customers", fixed, "all_or_nothing", org);
    expect(again.job).toMatchObject({ status: "done", createdCount: 3, updatedCount: 2 });
    const rows = await db.select().from(customers).where(eq(customers.orgId, org.orgId));
    expect(rows).toHaveLength(5);
    expect(rows.find((c) => c.externalId === "c-1")).toMatchObject({ paymentTermDays: 60, country: "GB" });
    expect(await db.select().from(syncItems).where(and(eq(syncItems.orgId, org.orgId), eq(syncItems.status, "pending")))).toHaveLength(5);
  });

  it("imports deals with lines grouped by deal id, resolving customers, stages and products", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await importFile("customers", "Name,Email\nInitech,ap@initech.test\nHooli,ap@hooli.test", "all_or_nothing", org);
    await createProduct(db, org.owner, parseInput(productInput, { code: "SEAT", name: "Seat", unitPrice: 49 }));
    const csv = [
      "Deal ID,Deal Name,Customer,Stage,SKU,Qty,Unit Price,Discount,Line Item",
      "d-1,Initech seats,ap@initech.test,Proposal,SEAT,10,,",
      "d-1,Initech seats,ap@initech.test,Proposal,,1,250,10,Setup",
      "d-5,No description,Hooli,Lead,,1,100,",
      "d-2,Hooli seats,Hooli,Won,SEAT,2,,",
      "d-3,Nobody's deal,Unknown Corp,Lead,SEAT,1,,",
      "d-4,Bad stage,Hooli,Negotiation,SEAT,1,,",
    ].join("\n");
    const { job } = await importFile("deals", csv, "valid_only", org);
    expect(job).toMatchObject({ status: "done", createdCount: 2, rejectedRows: [3, 5, 6] });
    expect(job.problems.map((p) => [p.row, p.field])).toEqual([
      [5, "customer"],
      [6, "stage"],
      [3, "lineDescription"],
    ]);
    const rows = await db.select().from(deals).where(eq(deals.orgId, org.orgId));
    expect(Object.fromEntries(rows.map((d) => [d.externalId, d.amount]))).toEqual({ "d-1": "715.00", "d-2": "98.00" });
    const wonQueued = await db.select().from(syncItems).where(and(eq(syncItems.orgId, org.orgId), eq(syncItems.entityType, "deal")));
    expect(wonQueued).toHaveLength(1);

    // Without deal ids, a re-import matches by title and customer and updates instead of duplicating.
    const noIds = ["Deal Name,Customer,Stage,SKU,Qty", "Hooli renewal,Hooli,Lead,SEAT,1"].join("\n");
    await importFile("deals", noIds, "all_or_nothing", org);
    const again = await importFile("deals", noIds.replace("SEAT,1", "SEAT,3"), "all_or_nothing", org);
    expect(again.job).toMatchObject({ status: "done", createdCount: 0, updatedCount: 1 });
    const renewal = (await db.select().from(deals).where(eq(deals.orgId, org.orgId))).filter((d) => d.title === "Hooli renewal");
    expect(renewal.map((d) => d.amount)).toEqual(["147.00"]);
  });

  it("refuses a mapping without the required fields, naming them", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const job = await createImportJob(db, org.owner, { type: "products", fileName: "p.csv", text: "Thing,Cost\nA,1" });
    await expect(saveMapping(db, org.owner, job.id, { name: "Thing" })).rejects.toMatchObject({ fields: [{ field: "map.code" }, { field: "map.unitPrice" }] });
    await expect(getImportJob(db, (await makeCrmOrg(db)).owner, job.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a stalled import", () => {
  it("can be started again once its worker stops reporting, and finishes without duplicates", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const job = await createImportJob(db, org.owner, { type: "customers", fileName: "c.csv", text: "Name,Email\nA,a@a.test\nB,b@b.test" });
    await queueImport(db, org.owner, job.id, "valid_only");
    // Half done, then the worker died: one customer written, the job left "writing".
    await runImport(db, job.id);
    await db.update(importJobs).set({ status: "writing", heartbeatAt: new Date(Date.now() - 10 * 60_000) }).where(eq(importJobs.id, job.id));
    await db.delete(customers).where(and(eq(customers.orgId, org.orgId), eq(customers.email, "b@b.test")));
    const stuck = await getImportJob(db, org.owner, job.id);
    expect(isStalled(stuck)).toBe(true);
    expect(isStalled({ ...stuck, heartbeatAt: new Date() })).toBe(false);
    await queueImport(db, org.owner, job.id, "valid_only");
    const done = await runImport(db, job.id);
    expect(done).toMatchObject({ status: "done", createdCount: 1, updatedCount: 1 });
    expect(await db.select().from(customers).where(eq(customers.orgId, org.orgId))).toHaveLength(2);
    await expect(queueImport(db, org.owner, job.id, "valid_only")).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("import hardening", () => {
  it("valid-only: a file of ok / overflowing / ok deal rows writes two deals, reports the bad row, and the counts match the database", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await importFile("customers", "Name,Email\nHooli,ap@hooli.test", "all_or_nothing", org);
    const csv = ["Deal ID,Deal Name,Customer,Stage,Qty,Unit Price,Line Item", "d-1,First,Hooli,Lead,1,100,Work", "d-2,Huge,Hooli,Lead,1000000,999999999,Work", "d-3,Third,Hooli,Lead,2,50,Work"].join("\n");
    const { job } = await importFile("deals", csv, "valid_only", org);
    const written = await db.select().from(deals).where(eq(deals.orgId, org.orgId));
    expect(job).toMatchObject({ status: "done", createdCount: written.length, rejectedRows: [2] });
    expect(written.map((d) => d.externalId).sort()).toEqual(["d-1", "d-3"]);
    expect(job.problems).toEqual([{ row: 2, field: "quantity", message: expect.stringMatching(/more than 999,999,999,999\.99/) }]);
  });

  it("a sales member can neither see, start nor download an owner's import, nor import products", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const job = await createImportJob(db, org.owner, { type: "products", fileName: "p.csv", text: "Code,Name,Unit Price\nSEAT,Seat,=49" });
    await expect(getImportJob(db, org.sales, job.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(queueImport(db, org.sales, job.id, "valid_only")).rejects.toMatchObject({ code: "not_found" });
    await expect(saveMapping(db, org.sales, job.id, { code: "Code", name: "Name", unitPrice: "Unit Price" })).rejects.toMatchObject({ code: "not_found" });
    await expect(createImportJob(db, org.sales, { type: "products", fileName: "p.csv", text: "Code,Name,Unit Price\nX,X,1" })).rejects.toMatchObject({ code: "forbidden" });
    // Finance did not upload it either; an admin may act on anyone's import.
    await expect(getImportJob(db, org.finance, job.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await getImportJob(db, org.admin, job.id)).id).toBe(job.id);
  });

  it("rejected rows hide amounts from a viewer without financial visibility, and defuse formulas", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const { job } = await importFile("products", 'Code,Name,Unit Price\nSEAT,"=HYPERLINK(""http://evil"")","12,50"\nOK,Fine,10', "valid_only", org);
    expect(job.rejectedRows).toEqual([1]);
    const withAmounts = rejectedRowsCsv(job, true);
    expect(withAmounts).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(job.problems[0]).toMatchObject({ row: 1, field: "unitPrice", message: expect.stringMatching(/no commas/) });
    expect(withAmounts.split("\r\n")[1]).toContain('"12,50"');
    const blind = rejectedRowsCsv(job, false).split("\r\n")[1];
    expect(blind).not.toContain("12,50");
    expect(blind).toMatch(/^SEAT,"'=HYPERLINK/);
  });
});
