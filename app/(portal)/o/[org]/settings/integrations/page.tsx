import { CircleAlert, CircleCheck, Plug } from "lucide-react";
import { ConnectXeroButton, DisconnectXeroButton, TestXeroButton } from "@/components/settings/xero-connection-actions";
import { XeroTenantChooser } from "@/components/settings/xero-tenant-chooser";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { ownKey, searchText, type SearchParams } from "@/lib/http/search-params";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can } from "@/lib/tenancy/roles";
import { CALLBACK_MESSAGES, pendingChoice } from "@/lib/xero/connect-flow";
import { getXeroStatus } from "@/lib/xero/connection-status";
import { REQUIRED_XERO_SCOPES } from "@/lib/xero/scopes";

const when = (d: Date | null) => (d ? d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "never");

export default async function IntegrationsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const query = { choose: searchText(search, "choose"), xero: searchText(search, "xero"), xero_error: searchText(search, "xero_error") };
  const ctx = await requireOrg(slug);
  const db = getDb();
  const manage = can(ctx.role, "xero:manage");
  const status = await getXeroStatus(db, ctx.org.id);
  const choices = manage && query.choose ? await pendingChoice(db, ctx, query.choose) : null;
  const error = ownKey(CALLBACK_MESSAGES, query.xero_error) ? CALLBACK_MESSAGES[query.xero_error] : null;

  return (
    <div className="grid max-w-3xl gap-6">
      {error ? (
        <p role="alert" className="border-destructive/40 text-destructive flex items-center gap-2 rounded-md border p-3 text-sm">
          <CircleAlert className="size-4 shrink-0" aria-hidden /> {error}
        </p>
      ) : null}
      {query.xero === "connected" && status.state === "connected" ? (
        <p role="status" className="text-success flex items-center gap-2 rounded-md border p-3 text-sm">
          <CircleCheck className="size-4" aria-hidden /> Connected to {status.tenantName}.
        </p>
      ) : null}
      {query.xero?.startsWith("disconnected") && status.state === "disconnected" ? (
        <p role="status" className="flex items-center gap-2 rounded-md border p-3 text-sm">
          <CircleCheck className="size-4" aria-hidden />
          {query.xero === "disconnected"
            ? "Xero is disconnected. Everything synced so far is kept."
            : "Xero is disconnected here, but Xero did not confirm: remove Ledgerbridge under Connected Apps in Xero's settings too."}
        </p>
      ) : null}
      {choices ? (
        <XeroTenantChooser
          orgSlug={slug}
          state={query.choose!}
          tenants={choices}
          currentTenant={status.state === "connected" || status.state === "needs_reauth" ? { tenantId: status.tenantId!, tenantName: status.tenantName! } : null}
        />
      ) : null}

      <section className="grid gap-4 rounded-xl border p-6" data-testid="xero-card">
        <div className="flex items-center gap-3">
          <Plug className="text-primary size-5" aria-hidden />
          <h2 className="text-lg font-semibold">Xero</h2>
          <StateBadge state={status.state} />
        </div>

        {status.state === "not_connected" ? (
          <p className="text-muted-foreground text-sm">
            Connect your Xero organisation to sync customers both ways, turn won deals into invoices and see payments here. You choose the organisation on
            Xero&apos;s page; Ledgerbridge never sees your Xero password.
          </p>
        ) : (
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-muted-foreground">Xero organisation</dt>
            <dd className="font-medium">{status.tenantName}</dd>
            <dt className="text-muted-foreground">Connected by</dt>
            <dd>
              {status.connectedByName ?? "a former member"} on {when(status.connectedAt)}
            </dd>
            {status.state === "connected" ? (
              <>
                <dt className="text-muted-foreground">Access token expires</dt>
                <dd>{when(status.accessTokenExpiresAt)} (renewed automatically)</dd>
              </>
            ) : (
              <>
                <dt className="text-muted-foreground">Why</dt>
                <dd>{status.reason}</dd>
              </>
            )}
            <dt className="text-muted-foreground">Permissions</dt>
            <dd>
              {status.state !== "connected"
                ? "—"
                : status.missingScopes.length
                  ? `Missing: ${status.missingScopes.join(", ")}. Re-authorise to grant them.`
                  : `All ${REQUIRED_XERO_SCOPES.length} required permissions granted`}
            </dd>
            <dt className="text-muted-foreground">Last sync</dt>
            <dd>{when(status.lastSyncAt)}</dd>
            <dt className="text-muted-foreground">Xero calls today</dt>
            <dd>{status.callsToday}</dd>
          </dl>
        )}

        {status.needsAttention ? (
          <p role="alert" className="text-destructive text-sm">
            Syncing is paused until the connection is {status.state === "needs_reauth" ? "re-authorised" : "connected again"}. Nothing waiting to sync is lost.
          </p>
        ) : status.state === "disconnected" ? (
          <p className="text-muted-foreground text-sm">Syncing is off. Connect again to continue where it stopped.</p>
        ) : null}

        {manage ? (
          <div className="flex flex-wrap items-start gap-3">
            {status.state === "not_connected" ? <ConnectXeroButton orgSlug={slug} label="Connect Xero" /> : null}
            {status.state === "needs_reauth" || (status.state === "connected" && status.missingScopes.length) ? <ConnectXeroButton orgSlug={slug} label="Re-authorise" /> : null}
            {status.state === "disconnected" ? <ConnectXeroButton orgSlug={slug} label="Connect again" /> : null}
            {status.state === "connected" ? <TestXeroButton orgSlug={slug} /> : null}
            {status.state === "connected" || status.state === "needs_reauth" ? <DisconnectXeroButton orgSlug={slug} tenantName={status.tenantName!} /> : null}
          </div>
        ) : (
          <p className="text-muted-foreground text-sm">Only owners and admins can connect, re-authorise or disconnect Xero.</p>
        )}
      </section>
    </div>
  );
}

function StateBadge({ state }: { state: string }) {
  const label = { not_connected: "Not connected", connected: "Connected", needs_reauth: "Needs re-authorisation", disconnected: "Disconnected" }[state];
  return <Badge variant={state === "connected" ? "default" : state === "not_connected" ? "outline" : "destructive"}>{label}</Badge>;
}
