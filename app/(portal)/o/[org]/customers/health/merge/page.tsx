import { searchText, type SearchParams } from "@/lib/http/search-params";
import { and, count, eq, inArray } from "drizzle-orm";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/common/page-header";
import { MergeForm } from "@/components/crm/merge-form";
import { getDb } from "@/db";
import { customers, deals, subscriptions } from "@/db/schema";
import { listOwnerChoices } from "@/lib/crm/org-members";
import { requireOrg } from "@/lib/tenancy/require-org";

const FIELDS = [
  { key: "name", label: "Name" },
  { key: "email", label: "Email" },
  { key: "phone", label: "Phone" },
  { key: "addressLine1", label: "Address line 1" },
  { key: "addressLine2", label: "Address line 2" },
  { key: "city", label: "City" },
  { key: "region", label: "Region" },
  { key: "postalCode", label: "Postal code" },
  { key: "country", label: "Country" },
  { key: "leadSource", label: "Lead source" },
  { key: "ownerId", label: "Owner" },
  { key: "paymentTermDays", label: "Payment terms (days)" },
  { key: "currency", label: "Currency" },
  { key: "taxNumber", label: "Tax number" },
  { key: "notes", label: "Notes" },
  { key: "externalId", label: "External id" },
] as const;

export default async function MergePage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const ids = [...new Set(searchText(await searchParams, "ids", 2000)?.split(",") ?? [])].filter((id) => z.uuid().safeParse(id).success).slice(0, 20);
  if (ids.length < 2) notFound();
  const db = getDb();
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, ctx.org.id), inArray(customers.id, ids)));
  if (rows.length < 2) notFound();
  const [dealCounts, subCounts, owners] = await Promise.all([
    db.select({ id: deals.customerId, n: count() }).from(deals).where(and(eq(deals.orgId, ctx.org.id), inArray(deals.customerId, ids))).groupBy(deals.customerId),
    db.select({ id: subscriptions.customerId, n: count() }).from(subscriptions).where(and(eq(subscriptions.orgId, ctx.org.id), inArray(subscriptions.customerId, ids))).groupBy(subscriptions.customerId),
    listOwnerChoices(db, ctx.org.id),
  ]);
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  const candidates = rows.map((c) => ({
    id: c.id,
    name: c.name,
    counts: `${dealCounts.find((d) => d.id === c.id)?.n ?? 0} deal(s), ${subCounts.find((s) => s.id === c.id)?.n ?? 0} subscription(s)${c.xeroContactId ? ", in Xero" : ""}`,
    values: Object.fromEntries(FIELDS.map((f) => [f.key, f.key === "ownerId" ? (c.ownerId ? (ownerName.get(c.ownerId) ?? "") : "") : String(c[f.key] ?? "")])),
  }));
  return (
    <>
      <PageHeader title="Merge duplicate customers" description="Pick the customer to keep and, where they differ, which value survives." />
      <MergeForm orgSlug={slug} candidates={candidates} fields={[...FIELDS]} />
    </>
  );
}
