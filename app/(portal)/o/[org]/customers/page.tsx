import { Download, HeartPulse, Plus, Repeat, Upload, Users } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { CustomersTable } from "@/components/crm/customers-table";
import { TablePager } from "@/components/data-table/table-pager";
import { TableToolbar } from "@/components/data-table/table-toolbar";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { listCustomers, listLeadSources } from "@/lib/crm/customer-queries";
import { readTableParams } from "@/lib/crm/list-params";
import { listOwnerChoices } from "@/lib/crm/org-members";
import { searchText, searchUuid, type SearchParams } from "@/lib/http/search-params";
import { requireOrg } from "@/lib/tenancy/require-org";


export default async function CustomersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const search = await searchParams;
  const t = readTableParams(search);
  const leadSource = searchText(search, "leadSource", 100);
  const ownerId = searchUuid(search, "ownerId");
  const db = getDb();
  const [{ rows, total, sort }, sources, owners] = await Promise.all([
    listCustomers(db, ctx.org.id, { ...t, leadSource, ownerId }),
    listLeadSources(db, ctx.org.id),
    listOwnerChoices(db, ctx.org.id),
  ]);
  const filtered = Boolean(t.q || leadSource || ownerId);
  const actions = (
    <>
      <Button asChild variant="outline">
        <Link href={`/o/${slug}/customers/subscriptions`}>
          <Repeat /> Subscriptions
        </Link>
      </Button>
      <Button asChild variant="outline">
        <Link href={`/o/${slug}/customers/health`}>
          <HeartPulse /> Data health
        </Link>
      </Button>
      <Button asChild variant="outline">
        <a href={`/api/o/${slug}/exports/customers`} download>
          <Download /> Export CSV
        </a>
      </Button>
      <Button asChild variant="outline">
        <Link href={`/o/${slug}/import?type=customers`}>
          <Upload /> Import CSV
        </Link>
      </Button>
      <Button asChild>
        <Link href={`/o/${slug}/customers/new`}>
          <Plus /> New customer
        </Link>
      </Button>
    </>
  );
  return (
    <>
      <PageHeader title="Customers" description="Who you sell to and where they came from." actions={actions} />
      {!total && !filtered ? (
        <EmptyState icon={Users} title="No customers yet" action={<Button asChild><Link href={`/o/${slug}/customers/new`}>Add your first customer</Link></Button>}>
          Add customers one by one, import them from a CSV export of your CRM, or push them from your CRM through the API (Settings → API keys).
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-4">
          <TableToolbar
            q={t.q}
            placeholder="Search name, email or city"
            keep={{ sort: t.sort, dir: t.dir }}
            filters={[
              { name: "leadSource", label: "Lead source", value: leadSource, options: sources.map((s) => ({ value: s, label: s })) },
              { name: "ownerId", label: "Owner", value: ownerId, options: owners.map((o) => ({ value: o.id, label: o.name })) },
            ]}
          />
          <CustomersTable
            orgSlug={slug}
            sort={sort}
            dir={t.dir ?? (sort === "name" ? "asc" : "desc")}
            rows={rows.map(({ customer: c, ownerName }) => ({ id: c.id, name: c.name, email: c.email, city: c.city, country: c.country, leadSource: c.leadSource, ownerName, tags: c.tags, inXero: !!c.xeroContactId }))}
          />
          <TablePager basePath={`/o/${slug}/customers`} params={{ q: t.q, sort: t.sort, dir: t.dir, leadSource, ownerId }} page={t.page} pageSize={t.pageSize} total={total} />
        </div>
      )}
    </>
  );
}
