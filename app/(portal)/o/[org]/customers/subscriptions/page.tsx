import { Repeat } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { formatMoney } from "@/lib/crm/money";
import { listSubscriptions } from "@/lib/crm/subscriptions";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function SubscriptionsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const rows = await listSubscriptions(getDb(), ctx.org.id);
  return (
    <>
      <PageHeader title="Subscriptions" description="What recurs, across all customers. Each becomes a Xero repeating invoice once the sync runs." />
      {rows.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Customer</TableHead>
              <TableHead>Interval</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Next billing</TableHead>
              <TableHead className="text-right">Amount per period</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ subscription: s, customerName }) => (
              <TableRow key={s.id}>
                <TableCell>
                  <Link className="font-medium hover:underline" href={ctx.role === "sales" ? `/o/${slug}/customers/${s.customerId}` : `/o/${slug}/customers/${s.customerId}/subscriptions/${s.id}`}>
                    {customerName}
                  </Link>
                </TableCell>
                <TableCell className="capitalize">{s.interval}</TableCell>
                <TableCell>
                  <Badge variant={s.status === "active" ? "secondary" : "outline"}>{s.status}</Badge>
                </TableCell>
                <TableCell>{s.nextBillingDate ?? "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{ctx.canSeeAmounts ? formatMoney(s.amount, s.currency) : "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <EmptyState icon={Repeat} title="No subscriptions yet">
          Open a customer and add a subscription with its product lines and interval.
        </EmptyState>
      )}
    </>
  );
}
