import { CheckCircle2, Circle, LayoutDashboard } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { DashboardFiguresGrid } from "@/components/reports/dashboard-figures";
import { getDb } from "@/db";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { crmCounts } from "@/lib/crm/crm-counts";
import { dashboardFigures } from "@/lib/reports/dashboard-report";
import { reportScope } from "@/lib/reports/report-scope";
import { listMembers } from "@/lib/tenancy/members";
import { requireOrg } from "@/lib/tenancy/require-org";
import { getXeroStatus } from "@/lib/xero/connection-status";

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const [members, xero, crm] = await Promise.all([listMembers(getDb(), ctx.org.id), getXeroStatus(getDb(), ctx.org.id), crmCounts(getDb(), ctx.org.id)]);
  // Figures are money: only members who see amounts get them (reportScope refuses the others).
  const figures = ctx.canSeeAmounts && xero.state !== "not_connected" ? await dashboardFigures(getDb(), await reportScope(getDb(), actorFromContext(ctx)), ctx.user.id) : null;
  const steps = [
    { done: members.length > 1, label: "Invite your team", href: `/o/${slug}/settings/members`, note: `${members.length} member${members.length === 1 ? "" : "s"} so far` },
    {
      done: xero.state === "connected",
      label: "Connect Xero",
      href: `/o/${slug}/settings/integrations`,
      note: xero.state === "connected" ? `Connected to ${xero.tenantName}` : "Settings -> Integrations. In this demo it connects to the built-in Xero sandbox.",
    },
    {
      done: crm.customers > 0 && crm.deals > 0,
      label: "Add customers and deals",
      href: crm.customers ? `/o/${slug}/deals` : `/o/${slug}/customers`,
      note: crm.customers ? `${crm.customers} customer(s), ${crm.deals} deal(s). Check Customers -> Data health before syncing.` : "Add them by hand, import a CSV from your CRM, or push them through the API.",
    },
  ];
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome, ${ctx.user.name.split(" ")[0]}.`} />
      {figures ? <DashboardFiguresGrid figures={figures} base={`/o/${slug}`} /> : null}
      {steps.every((s) => s.done) ? null : (
      <section className="mb-8 rounded-xl border p-6">
        <h2 className="mb-4 font-semibold">Getting started</h2>
        <ol className="grid gap-3">
          {steps.map((s) => (
            <li key={s.label} className="flex items-start gap-3">
              {s.done ? <CheckCircle2 className="text-success mt-0.5 size-5" aria-label="done" /> : <Circle className="text-muted-foreground mt-0.5 size-5" aria-label="to do" />}
              <div>
                <Link href={s.href} className="font-medium underline-offset-4 hover:underline">
                  {s.label}
                </Link>
                <p className="text-muted-foreground text-sm">{s.note}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
      )}
      {figures ? null : ctx.canSeeAmounts ? (
        <EmptyState icon={LayoutDashboard} title="No figures yet">
          Receivables, overdue, collected against your monthly goal and money at risk appear here once Xero is connected and invoices have synced. Nothing shown
          here is made up: until then, there is nothing to show.
        </EmptyState>
      ) : (
        <EmptyState icon={LayoutDashboard} title="Figures show amounts">
          Your role does not show amounts, so the dashboard&apos;s figures are hidden. An owner or admin can let you see amounts in Settings -&gt; Members.
        </EmptyState>
      )}
    </>
  );
}
