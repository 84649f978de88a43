import { Download, Package, Plus, Upload } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { ProductsTable } from "@/components/crm/products-table";
import { TablePager } from "@/components/data-table/table-pager";
import { TableToolbar } from "@/components/data-table/table-toolbar";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { readTableParams } from "@/lib/crm/list-params";
import { searchText, type SearchParams } from "@/lib/http/search-params";
import { formatMoney } from "@/lib/crm/money";
import { listProducts } from "@/lib/crm/products";
import { requireOrg } from "@/lib/tenancy/require-org";


export default async function ProductsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const search = await searchParams;
  const t = readTableParams(search);
  const unmapped = searchText(search, "mapping") === "missing";
  const { rows, total, sort } = await listProducts(getDb(), ctx.org.id, { ...t, unmapped });
  const editable = ctx.role !== "sales";
  return (
    <>
      <PageHeader
        title="Products"
        description="What you sell, and the Xero item, account and tax type each becomes."
        actions={
          editable ? (
            <>
              <Button asChild variant="outline">
                <a href={`/api/o/${slug}/exports/products`} download>
                  <Download /> Export CSV
                </a>
              </Button>
              <Button asChild variant="outline">
                <Link href={`/o/${slug}/import?type=products`}>
                  <Upload /> Import CSV
                </Link>
              </Button>
              <Button asChild>
                <Link href={`/o/${slug}/products/new`}>
                  <Plus /> New product
                </Link>
              </Button>
            </>
          ) : null
        }
      />
      {!total && !t.q && !unmapped ? (
        <EmptyState icon={Package} title="No products yet">
          {editable ? "Add the products and services you sell, or import them from a CSV. Deals are built from them." : "An owner, admin or finance member adds the products that deals are built from."}
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-4">
          <TableToolbar
            q={t.q}
            placeholder="Search code or name"
            keep={{ sort: t.sort, dir: t.dir }}
            filters={[{ name: "mapping", label: "Xero mapping", value: unmapped ? "missing" : undefined, options: [{ value: "missing", label: "Missing" }] }]}
          />
          <ProductsTable
            orgSlug={slug}
            editable={editable}
            sort={sort}
            dir={t.dir ?? "asc"}
            rows={rows.map((p) => ({ id: p.id, code: p.code, name: p.name, priceLabel: ctx.canSeeAmounts ? formatMoney(p.unitPrice, p.currency) : "—", tracksInventory: p.tracksInventory, mapped: !!(p.xeroItemCode && p.salesAccountCode && p.taxType) }))}
          />
          <TablePager basePath={`/o/${slug}/products`} params={{ q: t.q, sort: t.sort, dir: t.dir, mapping: unmapped ? "missing" : undefined }} page={t.page} pageSize={t.pageSize} total={total} />
        </div>
      )}
    </>
  );
}
