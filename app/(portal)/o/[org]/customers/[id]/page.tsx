import { Pencil, Plus } from "lucide-react";
import Link from "next/link";
import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { PageHeader } from "@/components/common/page-header";
import { CustomerFinanceCard } from "@/components/billing/customer-finance-card";
import { CustomerActivity } from "@/components/crm/customer-activity";
import { CustomerProfile } from "@/components/crm/customer-profile";
import { RecordList } from "@/components/crm/record-list";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { customerFinance } from "@/lib/billing/customer-balances";
import { todayIn } from "@/lib/calendar";
import { customerLifetime } from "@/lib/reports/customer-lifetime";
import { reportScope } from "@/lib/reports/report-scope";
import { listCustomerActivity } from "@/lib/crm/activity";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { listDeals } from "@/lib/crm/deal-queries";
import { getCustomer } from "@/lib/crm/customers";
import { formatMoney } from "@/lib/crm/money";
import { canEditOwned } from "@/lib/crm/record-access";
import { listSubscriptions } from "@/lib/crm/subscriptions";
import { findOr404 } from "@/lib/tenancy/find-or-404";
import { requireOrg } from "@/lib/tenancy/require-org";
import { deleteCustomerAction } from "../actions";

export default async function CustomerPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await requireOrg(slug);
  const db = getDb();
  const customer = await findOr404(() => getCustomer(db, ctx.org.id, id), id);
  // Overdue is counted from today where the organisation is, as every report counts it.
  const today = todayIn(ctx.org.timezone);
  const [deals, subs, activity, finance, lifetime] = await Promise.all([
    listDeals(db, ctx.org.id, { customerId: id, page: 1, pageSize: 50 }),
    listSubscriptions(db, ctx.org.id, { customerId: id }),
    listCustomerActivity(db, ctx.org.id, id),
    customerFinance(db, ctx.org.id, id, today),
    ctx.canSeeAmounts ? reportScope(db, actorFromContext(ctx)).then((scope) => customerLifetime(db, scope, id)) : null,
  ]);
  const editable = canEditOwned(actorFromContext(ctx), customer.ownerId);
  const money = (amount: string, currency: string) => (ctx.canSeeAmounts ? formatMoney(amount, currency) : "—");
  return (
    <>
      <PageHeader
        title={customer.name}
        description={[customer.kind === "company" ? "Company" : "Person", customer.leadSource ? `from ${customer.leadSource}` : null].filter(Boolean).join(" · ")}
        actions={
          editable ? (
            <>
              <Button asChild variant="outline">
                <Link href={`/o/${slug}/customers/${id}/edit`}>
                  <Pencil /> Edit
                </Link>
              </Button>
              <ConfirmActionButton
                action={deleteCustomerAction}
                orgSlug={slug}
                hidden={{ id }}
                label="Delete"
                title={`Delete ${customer.name}?`}
                description="The customer and its activity are deleted. A customer with deals or subscriptions cannot be deleted: merge it into another one instead."
                confirmLabel="Delete customer"
              />
            </>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="grid content-start gap-6">
          <CustomerProfile customer={customer} defaultTermDays={ctx.org.defaultPaymentTermDays} baseCurrency={ctx.org.baseCurrency} />
          <Card>
            <CardHeader className="flex flex-row items-center justify-between">
              <CardTitle>Deals</CardTitle>
              <Button asChild size="sm" variant="outline">
                <Link href={`/o/${slug}/deals/new?customerId=${id}`}>
                  <Plus /> New deal
                </Link>
              </Button>
            </CardHeader>
            <CardContent>
              <RecordList
                empty="No deals yet."
                items={deals.rows.map((d) => ({ id: d.deal.id, href: `/o/${slug}/deals/${d.deal.id}`, title: d.deal.title, meta: d.stageName, value: money(d.deal.amount, d.deal.currency) }))}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader className="flex flex-row items-center justify-between">
              <CardTitle>Subscriptions</CardTitle>
              {ctx.role !== "sales" ? (
                <Button asChild size="sm" variant="outline">
                  <Link href={`/o/${slug}/customers/${id}/subscriptions/new`}>
                    <Plus /> New subscription
                  </Link>
                </Button>
              ) : null}
            </CardHeader>
            <CardContent>
              <RecordList
                empty="No subscriptions. Recurring work becomes a Xero repeating invoice once the sync runs."
                items={subs.map((s) => ({
                  id: s.subscription.id,
                  href: `/o/${slug}/customers/${id}/subscriptions/${s.subscription.id}`,
                  title: `${s.subscription.interval[0].toUpperCase()}${s.subscription.interval.slice(1)} from ${s.subscription.startDate}`,
                  meta: `${s.subscription.status}${s.subscription.nextBillingDate ? ` · next ${s.subscription.nextBillingDate}` : ""}${s.subscription.xeroRepeatingInvoiceId ? ` · repeating invoice in Xero${s.subscription.xeroNextScheduledDate ? `, next run ${s.subscription.xeroNextScheduledDate}` : ""}` : ""}`,
                  value: money(s.subscription.amount, s.subscription.currency),
                }))}
              />
            </CardContent>
          </Card>
          <CustomerFinanceCard orgSlug={slug} finance={finance} lifetime={lifetime} canSeeAmounts={ctx.canSeeAmounts} linked={Boolean(customer.xeroContactId)} today={today} />
        </div>
        <CustomerActivity items={activity} />
      </div>
    </>
  );
}
