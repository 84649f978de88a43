import { sql } from "drizzle-orm";
import { ShieldCheck } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/common/page-header";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";

export default async function AdminHome() {
  // Every admin page checks for itself: the layout's check does not run on a segment-only (RSC) request.
  await requirePlatformAdmin();
  const [{ n }] = await getDb().select({ n: sql<number>`count(*)::int` }).from(organizations);
  return (
    <>
      <PageHeader title="Platform admin" description={`${n} organisation${n === 1 ? "" : "s"} on this platform.`} />
      <EmptyState icon={ShieldCheck} title="Integration diagnostics are coming">
        Each tenant&apos;s Xero connection status, failed syncs with the reason and the fix, and Retry / Resync arrive with the platform admin issue, together with
        the admin HTTP API.
      </EmptyState>
    </>
  );
}
