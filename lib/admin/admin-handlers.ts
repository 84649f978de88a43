import { readOptionalJsonBody } from "@/lib/http/read-body";
import { xeroHealth, type HealthScope } from "@/lib/xero/xero-health";
import { adminOpenApiDocument } from "./admin-openapi";
import { adminRetry } from "./admin-retry";
import { escalationBundle } from "./escalation-bundle";
import { startAdminResync } from "./admin-resync";
import { adminRoute, organisationIdOf, organisationOf, type SessionLookup } from "./admin-route";
import { integrationStatus } from "./integration-status";
import { listAdminOrganizations } from "./list-organizations";

/** The sync work an admin action asks for, as the job layer takes it (lib knows no jobs: the app passes the sender). */
export type AdminSyncRequest =
  | { kind: "push"; orgId: string; trigger: "retry" | "resync" }
  | { kind: "pull"; orgId: string; mode: "incremental"; resources: string[]; since: string | null; sinceByResource: Record<string, string | null>; trigger: "resync" };

export interface AdminDeps {
  requestSync: (requests: AdminSyncRequest[]) => Promise<unknown>;
  session?: SessionLookup;
  /** The tenants Xero's health is judged over (xero-health.ts HealthScope); every tenant unless told. */
  healthScope?: () => HealthScope;
}

const accepted = (body: unknown) => Response.json(body, { status: 202 });

/** The admin API's handlers (`app/api/admin/...` routes are one line each). */
export function adminHandlers({ requestSync, session, healthScope = () => ({}) }: AdminDeps) {
  const options = { session };
  return {
    status: adminRoute(
      "GET status",
      async ({ db, params, audit }) => {
        // One statement for the whole answer: the organisation, its health facts, its failed records.
        const status = await integrationStatus(db, organisationIdOf(params.organization_id), healthScope());
        audit.orgId = status.organization.id;
        return Response.json(status);
      },
      options,
    ),

    retry: adminRoute(
      "POST retry",
      async ({ db, params, request, audit }) => {
        const org = await organisationOf(db, params.organization_id);
        audit.orgId = org.id;
        const result = await adminRetry(db, org.id, await readOptionalJsonBody(request));
        audit.details = { queued: result.queued.length, unknown: result.unknown.length, not_failed: result.not_failed.length };
        // Queued rows are due now: the minute's due-push check sends them even if this request is lost.
        if (result.queued.length) await requestSync([{ kind: "push", orgId: org.id, trigger: "retry" }]).catch(() => undefined);
        return accepted(result);
      },
      options,
    ),

    resync: adminRoute(
      "POST resync",
      async ({ db, params, request, admin, audit }) => {
        const org = await organisationOf(db, params.organization_id);
        audit.orgId = org.id;
        const started = await startAdminResync(db, org.id, await readOptionalJsonBody(request), admin.userId);
        audit.details = { sync_types: started.runs.map((r) => r.sync_type), since: started.since };
        // The cursors are already set back: if this request is lost, the next scheduled pull re-reads from `since` all the same.
        await requestSync([
          { kind: "pull", orgId: org.id, mode: "incremental", resources: started.resources, since: started.since, sinceByResource: started.walkFrom, trigger: "resync" },
          { kind: "push", orgId: org.id, trigger: "resync" },
        ]).catch(() => undefined);
        return accepted({ runs: started.runs });
      },
      options,
    ),

    bundle: adminRoute(
      "GET escalation bundle",
      async ({ db, params, audit }) => {
        const org = await organisationOf(db, params.organization_id);
        audit.orgId = org.id;
        const bundle = await escalationBundle(db, org, healthScope());
        return Response.json(bundle, { headers: { "Content-Disposition": `attachment; filename="escalation-${org.slug}-${bundle.generated_at.slice(0, 10)}.json"` } });
      },
      options,
    ),

    organizations: adminRoute(
      "GET organizations",
      async ({ db, request }) => {
        const url = new URL(request.url);
        const query = Object.fromEntries([...url.searchParams.entries()].filter(([k]) => k === "status" || k === "q"));
        return Response.json({ organizations: await listAdminOrganizations(db, query) });
      },
      options,
    ),

    health: adminRoute(
      "GET xero health",
      async ({ db }) => {
        const h = await xeroHealth(db, healthScope());
        return Response.json({ status: h.status, window_minutes: h.window_minutes, calls: h.calls, server_errors: h.server_errors, timeouts: h.timeouts, rate_limited: h.rate_limited, p95_ms: h.p95_ms, tenants_affected: h.tenants_affected, tenants_active: h.tenants_active, verdict: h.verdict });
      },
      options,
    ),

    openapi: adminRoute("GET openapi", async () => Response.json(adminOpenApiDocument()), options),
  };
}
