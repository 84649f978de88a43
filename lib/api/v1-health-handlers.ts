import { AppError } from "@/lib/errors";
import { latestHealthCheck, runHealthCheck } from "@/lib/sync/health/run-health-check";
import type { CrmActor } from "@/lib/crm/crm-actor";
import { apiRoute } from "./api-route";

/** The check names amounts (won deals without an invoice, invoice totals): only for keys that see amounts. */
function assertMaySeeHealth(actor: CrmActor) {
  if (!actor.canSeeAmounts) throw new AppError("forbidden", "The health check shows amounts: use an API key that can see amounts.");
}

/** POST /api/v1/sync/health-checks: run the data health check now (it also runs monthly). */
export const runHealthCheckHandler = apiRoute(async ({ db, actor }) => {
  assertMaySeeHealth(actor);
  if (!actor.canWrite) throw new AppError("forbidden", "Running the health check needs an API key with write access (it records the check and notifies finance).");
  const { id, ...data } = await runHealthCheck(db, actor.orgId, "api");
  return Response.json({ data: { id, ...data } }, { status: 201 });
});

/** GET /api/v1/sync/health-checks/latest: the newest check, 404 before the first. */
export const latestHealthCheckHandler = apiRoute(async ({ db, actor }) => {
  assertMaySeeHealth(actor);
  const latest = await latestHealthCheck(db, actor.orgId);
  if (!latest) throw new AppError("not_found", "No health check has run yet: POST /api/v1/sync/health-checks runs one now (it also runs monthly).");
  return Response.json({ data: latest });
});
