import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorLog } from "@/components/sync/error-log";
import { getDb } from "@/db";
import { searchText, type SearchParams } from "@/lib/http/search-params";
import { listSyncErrors } from "@/lib/sync/status/error-log";
import { requireOrgPermission } from "@/lib/tenancy/require-org";
import { cn } from "@/lib/utils";

const KIND: Record<string, string> = { customer: "Customer", deal: "Deal (invoice)", invoice_email: "Invoice email", product: "Product", subscription: "Subscription", payment: "Payment", quote: "Quote" };

export default async function SyncErrorsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgPermission(slug, "sync:operate");
  const cause = searchText(await searchParams, "cause", 60);
  const { rows, causes } = await listSyncErrors(getDb(), ctx, { cause });
  if (!causes.length) {
    return (
      <EmptyState icon={CircleCheck} title="No failed records">
        When Xero refuses a record, it appears here with Xero&apos;s message, what to change, and a Retry button.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4">
      <nav aria-label="Causes" className="flex flex-wrap gap-2">
        <Link href={`/o/${slug}/sync/errors`} className={cn("rounded-full border px-3 py-1 text-sm", !cause && "bg-muted font-medium")}>
          All ({causes.reduce((n, c) => n + c.count, 0)})
        </Link>
        {causes.map((c) => (
          <Link key={c.cause} href={`/o/${slug}/sync/errors?cause=${encodeURIComponent(c.cause)}`} className={cn("rounded-full border px-3 py-1 text-sm", cause === c.cause && "bg-muted font-medium")}>
            {c.label} ({c.count})
          </Link>
        ))}
      </nav>
      <ErrorLog
        orgSlug={slug}
        cause={cause}
        rows={rows.map((r) => ({ id: r.id, recordName: r.recordName, recordKind: KIND[r.entityType] ?? r.entityType, href: r.href, causeLabel: r.causeLabel, fix: r.fix, xeroMessage: r.xeroMessage, attempts: r.attempts, at: r.at.toISOString() }))}
      />
    </div>
  );
}
