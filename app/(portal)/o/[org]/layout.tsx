import { Landmark } from "lucide-react";
import Link from "next/link";
import { MobileNav } from "@/components/shell/mobile-nav";
import { NotificationBell } from "@/components/shell/notification-bell";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { getDb } from "@/db";
import { countUnread } from "@/lib/notifications/notify";
import { listUserOrganizations } from "@/lib/tenancy/org-context";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can, ROLE_LABELS } from "@/lib/tenancy/roles";
import { getXeroStatus } from "@/lib/xero/connection-status";
import { XeroAttentionBanner } from "@/components/shell/xero-attention-banner";

export default async function PortalLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const db = getDb();
  const [orgs, unread, xero] = await Promise.all([listUserOrganizations(db, ctx.user.id), countUnread(db, ctx.user.id, ctx.org.id), getXeroStatus(db, ctx.org.id)]);
  const showXeroBanner = xero.needsAttention && can(ctx.role, "xero:manage");

  return (
    <div className="flex min-h-screen">
      <aside className="bg-sidebar text-sidebar-foreground border-sidebar-border sticky top-0 hidden h-screen w-60 shrink-0 flex-col gap-4 border-r p-4 md:flex">
        <Link href={`/o/${slug}`} className="flex items-center gap-2 px-2 font-semibold">
          <Landmark className="text-primary size-5" aria-hidden /> Ledgerbridge
        </Link>
        <OrgSwitcher current={{ slug, name: ctx.org.name }} orgs={orgs} />
        <SidebarNav orgSlug={slug} role={ctx.role} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="bg-background/95 sticky top-0 z-40 flex h-14 items-center gap-2 border-b px-4 backdrop-blur">
          <MobileNav orgSlug={slug} orgName={ctx.org.name} role={ctx.role} />
          <span className="truncate font-medium md:hidden">{ctx.org.name}</span>
          <div className="ml-auto flex items-center gap-1">
            <NotificationBell orgSlug={slug} unread={unread} />
            <UserMenu user={ctx.user} role={ROLE_LABELS[ctx.role]} />
          </div>
        </header>
        {showXeroBanner ? <XeroAttentionBanner orgSlug={slug} state={xero.state as "needs_reauth" | "disconnected"} /> : null}
        <main className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">{children}</main>
      </div>
    </div>
  );
}
