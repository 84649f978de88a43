import { SubmitForm } from "@/components/common/submit-form";
import { checkConnectionAction } from "@/app/admin/organizations/[id]/actions";
import type { IntegrationStatus } from "@/lib/admin/integration-status";
import { utc } from "./admin-time";

/** The guide's "Authentication & Connection" checks for one tenant: token expiry, the re-auth link to send, scopes, and Xero's own /connections. */
export function TenantConnection({ status, reauthUrl }: { status: IntegrationStatus; reauthUrl: string }) {
  const { scopes } = status;
  return (
    <div className="grid gap-4 text-sm">
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="text-muted-foreground">Xero organisation</dt>
        <dd>
          {status.xero_tenant_name ?? "none"} {status.xero_tenant_id ? <span className="text-muted-foreground font-mono text-xs">({status.xero_tenant_id})</span> : null}
        </dd>
        <dt className="text-muted-foreground">Access token expires</dt>
        <dd data-testid="token-expires">{utc(status.token_expires_at)} <span className="text-muted-foreground text-xs">(refreshed by itself before then)</span></dd>
        <dt className="text-muted-foreground">Refresh token dies if unused</dt>
        <dd>{utc(status.refresh_token_expires_at)}</dd>
        <dt className="text-muted-foreground">Re-authorisation link</dt>
        <dd>
          <code className="bg-muted rounded px-1.5 py-0.5 text-xs break-all" data-testid="reauth-link">
            {reauthUrl}
          </code>
          <div className="text-muted-foreground text-xs">Send it to the tenant&apos;s owner or admin: they sign in and press Re-authorise (Connect Xero).</div>
        </dd>
        <dt className="text-muted-foreground">Xero calls today</dt>
        <dd>
          {status.calls_today.calls.toLocaleString("en-US")} of {status.calls_today.daily_limit.toLocaleString("en-US")} ({status.calls_today.errors} errors, {status.calls_today.rate_limited} rate limited, {(status.calls_today.bytes / 1_048_576).toFixed(1)} MB)
        </dd>
      </dl>
      <div className="grid gap-1">
        <p className="font-medium">Scopes granted against required</p>
        <ul className="flex flex-wrap gap-1.5" aria-label="Scopes">
          {scopes.required.map((s) => (
            <li key={s} className={scopes.missing.includes(s) ? "border-destructive text-destructive rounded border px-1.5 text-xs" : "bg-muted rounded px-1.5 text-xs"}>
              {s} {scopes.missing.includes(s) ? "(missing)" : "✓"}
            </li>
          ))}
        </ul>
        {scopes.missing.length ? <p className="text-destructive text-xs">Missing scopes: the customer re-authorises to grant them.</p> : null}
      </div>
      <div className="grid gap-1">
        <p className="text-muted-foreground text-xs">Revoked or removed inside Xero? Ask Xero itself (its /connections list; one call):</p>
        <SubmitForm action={checkConnectionAction} orgSlug={status.organization.id} label="Check the connection with Xero" pendingLabel="Asking Xero…" variant="outline" size="sm" />
      </div>
    </div>
  );
}
