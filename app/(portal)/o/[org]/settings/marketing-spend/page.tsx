import { MarketingSpendForm } from "@/components/settings/marketing-spend-form";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listLeadSources } from "@/lib/crm/customer-queries";
import { listMarketingSpend } from "@/lib/crm/marketing-spend";
import { formatMoney } from "@/lib/crm/money";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function MarketingSpendPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  if (!ctx.canSeeAmounts) return <p className="text-muted-foreground text-sm">Marketing spend is a money figure; your role does not show amounts.</p>;
  const db = getDb();
  const [rows, sources] = await Promise.all([listMarketingSpend(db, ctx.org.id), listLeadSources(db, ctx.org.id)]);
  return (
    <div className="grid gap-6">
      <p className="text-muted-foreground max-w-2xl text-sm">What each lead source cost per month. The lifetime-value report divides it by the customers each source brought, to show acquisition cost.</p>
      {ctx.role !== "sales" ? <MarketingSpendForm orgSlug={slug} sources={sources} baseCurrency={ctx.org.baseCurrency} /> : null}
      {rows.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Month</TableHead>
              <TableHead>Lead source</TableHead>
              <TableHead className="text-right">Spent</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={`${r.leadSource}-${r.month}`}>
                <TableCell>{r.month.slice(0, 7)}</TableCell>
                <TableCell>{r.leadSource}</TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(r.amount, r.currency)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="text-muted-foreground text-sm">No spend recorded yet. Add last month&apos;s figures for each paid source.</p>
      )}
    </div>
  );
}
