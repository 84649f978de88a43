import { Download, Handshake, Plus, Upload } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { DealBoard } from "@/components/crm/deal-board";
import { DealsTable } from "@/components/crm/deals-table";
import { TablePager } from "@/components/data-table/table-pager";
import { TableToolbar } from "@/components/data-table/table-toolbar";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { listBoardDeals, listDeals } from "@/lib/crm/deal-queries";
import { readTableParams } from "@/lib/crm/list-params";
import { searchText, searchUuid, type SearchParams } from "@/lib/http/search-params";
import { formatMoney } from "@/lib/crm/money";
import { listOwnerChoices } from "@/lib/crm/org-members";
import { listStages } from "@/lib/crm/pipeline-stages";
import { canEditOwned } from "@/lib/crm/record-access";
import { requireOrg } from "@/lib/tenancy/require-org";
import { cn } from "@/lib/utils";


export default async function DealsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const search = await searchParams;
  const view = searchText(search, "view") === "table" ? "table" : "board";
  const t = readTableParams(search);
  const stageId = searchUuid(search, "stageId");
  const db = getDb();
  const actor = actorFromContext(ctx);
  const stages = await listStages(db, ctx.org.id);
  const money = (amount: string, currency: string) => (ctx.canSeeAmounts ? formatMoney(amount, currency) : "—");
  const header = (
    <PageHeader
      title="Deals"
      description="Drag a deal to Won and it is queued to become a Xero invoice."
      actions={
        <>
          <Button asChild variant="outline">
            <a href={`/api/o/${slug}/exports/deals`} download>
              <Download /> Export CSV
            </a>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/o/${slug}/import?type=deals`}>
              <Upload /> Import CSV
            </Link>
          </Button>
          <Button asChild>
            <Link href={`/o/${slug}/deals/new`}>
              <Plus /> New deal
            </Link>
          </Button>
        </>
      }
    />
  );
  const tabs = (
    <nav aria-label="Deal views" className="bg-muted mb-4 inline-flex rounded-lg p-1 text-sm">
      {(["board", "table"] as const).map((v) => (
        <Link key={v} href={`/o/${slug}/deals?view=${v}`} aria-current={view === v ? "page" : undefined} className={cn("rounded-md px-3 py-1", view === v && "bg-background shadow-xs")}>
          {v === "board" ? "Board" : "Table"}
        </Link>
      ))}
    </nav>
  );

  if (view === "board") {
    const deals = await listBoardDeals(db, ctx.org.id);
    return (
      <>
        {header}
        {tabs}
        {deals.length ? (
          <DealBoard
            orgSlug={slug}
            stages={stages.map((s) => ({ id: s.id, name: s.name, probability: s.probability, kind: s.kind }))}
            deals={deals.map((d) => ({ id: d.deal.id, title: d.deal.title, customerName: d.customerName, stageId: d.deal.stageId, amountLabel: ctx.canSeeAmounts ? formatMoney(d.deal.amount, d.deal.currency) : null, editable: canEditOwned(actor, d.deal.ownerId) }))}
          />
        ) : (
          <EmptyState icon={Handshake} title="No open deals" action={<Button asChild><Link href={`/o/${slug}/deals/new`}>Create a deal</Link></Button>}>
            Create a deal for a customer with product lines, or import deals from a CSV.
          </EmptyState>
        )}
      </>
    );
  }

  const ownerId = searchUuid(search, "ownerId");
  const [{ rows, total, sort }, owners] = await Promise.all([listDeals(db, ctx.org.id, { ...t, stageId, ownerId }), listOwnerChoices(db, ctx.org.id)]);
  return (
    <>
      {header}
      {tabs}
      <div className="grid grid-cols-1 gap-4">
        <TableToolbar q={t.q} placeholder="Search deal or customer" keep={{ view: "table", sort: t.sort, dir: t.dir }} filters={[
            { name: "stageId", label: "Stage", value: stageId, options: stages.map((s) => ({ value: s.id, label: s.name })) },
            { name: "ownerId", label: "Owner", value: ownerId, options: owners.map((o) => ({ value: o.id, label: o.name })) },
          ]}
        />
        <DealsTable
          orgSlug={slug}
          sort={sort}
          dir={t.dir ?? (sort === "title" ? "asc" : "desc")}
          rows={rows.map((d) => ({ id: d.deal.id, title: d.deal.title, customerName: d.customerName, stageName: d.stageName, stageKind: d.stageKind, ownerName: d.ownerName, amountLabel: money(d.deal.amount, d.deal.currency), expectedCloseDate: d.deal.expectedCloseDate }))}
        />
        <TablePager basePath={`/o/${slug}/deals`} params={{ view: "table", q: t.q, sort: t.sort, dir: t.dir, stageId, ownerId }} page={t.page} pageSize={t.pageSize} total={total} />
      </div>
    </>
  );
}
