import { CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/common/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { dataHealthReport } from "@/lib/crm/data-health";
import { formatMoney } from "@/lib/crm/money";
import { requireOrg } from "@/lib/tenancy/require-org";

function Finding({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {count ? null : <CheckCircle2 className="text-success size-4" aria-hidden />}
          {title} <span className="text-muted-foreground font-normal">({count})</span>
        </CardTitle>
      </CardHeader>
      <CardContent className="text-sm">{count ? children : <p className="text-muted-foreground">Nothing to fix.</p>}</CardContent>
    </Card>
  );
}

const LIMIT = 50;

export default async function DataHealthPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const r = await dataHealthReport(getDb(), ctx.org.id);
  const customerLink = (c: { id: string; name: string }) => (
    <li key={c.id}>
      <Link className="underline" href={`/o/${slug}/customers/${c.id}/edit`}>
        {c.name}
      </Link>
    </li>
  );
  return (
    <>
      <PageHeader title="Data health" description="Clean records before they reach Xero: duplicates become duplicate contacts, missing emails mean invoices nobody receives." />
      <div className="grid gap-4">
        <Finding title="Possible duplicate customers" count={r.duplicates.length}>
          <ul className="grid gap-3">
            {r.duplicates.slice(0, LIMIT).map((d) => (
              <li key={`${d.reason}-${d.key}`} className="flex flex-wrap items-center justify-between gap-2" data-testid={`duplicate-${d.key}`}>
                <span>
                  {d.customers.map((c) => c.name).join(" · ")} <span className="text-muted-foreground">({d.reason})</span>
                </span>
                <Button asChild size="sm" variant="outline">
                  <Link href={`/o/${slug}/customers/health/merge?ids=${d.customers.map((c) => c.id).join(",")}`}>Review and merge</Link>
                </Button>
              </li>
            ))}
          </ul>
        </Finding>
        <Finding title="Customers without an email" count={r.missingEmail.length}>
          <ul className="grid gap-1">{r.missingEmail.slice(0, LIMIT).map(customerLink)}</ul>
        </Finding>
        <Finding title="Customers with an invalid email" count={r.invalidEmail.length}>
          <ul className="grid gap-1">{r.invalidEmail.slice(0, LIMIT).map(customerLink)}</ul>
        </Finding>
        <Finding title="Customers without a full billing address (street, city, country)" count={r.missingAddress.length}>
          <ul className="grid gap-1">{r.missingAddress.slice(0, LIMIT).map(customerLink)}</ul>
        </Finding>
        <Finding title="Products without a Xero mapping" count={r.unmappedProducts.length}>
          <ul className="grid gap-1">
            {r.unmappedProducts.slice(0, LIMIT).map((p) => (
              <li key={p.id}>
                <Link className="underline" href={`/o/${slug}/products/${p.id}`}>
                  {p.code} · {p.name}
                </Link>{" "}
                <span className="text-muted-foreground">missing {p.missing.join(", ")}</span>
              </li>
            ))}
          </ul>
        </Finding>
        <Finding title="Products that look alike (same name under different codes)" count={r.duplicateProducts.length}>
          <ul className="grid gap-1">
            {r.duplicateProducts.slice(0, LIMIT).map((d) => (
              <li key={d.key}>
                {d.products.map((p, i) => (
                  <span key={p.id}>
                    {i ? " · " : ""}
                    <Link className="underline" href={`/o/${slug}/products/${p.id}`}>
                      {p.code}
                    </Link>{" "}
                    {p.name}
                    {ctx.canSeeAmounts ? ` (${formatMoney(p.unitPrice, p.currency)})` : ""}
                  </span>
                ))}
                <span className="text-muted-foreground"> — keep one and archive the others, so invoices use one item and one price.</span>
              </li>
            ))}
          </ul>
        </Finding>
        <Finding title="Products priced at zero" count={r.unpricedProducts.length}>
          <ul className="grid gap-1">
            {r.unpricedProducts.slice(0, LIMIT).map((p) => (
              <li key={p.id}>
                <Link className="underline" href={`/o/${slug}/products/${p.id}`}>
                  {p.code} · {p.name}
                </Link>
              </li>
            ))}
          </ul>
        </Finding>
        <p className="text-muted-foreground text-sm">Each list shows the first {LIMIT}; fix those and the next ones appear.</p>
      </div>
    </>
  );
}
