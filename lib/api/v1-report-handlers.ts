import { dismissLeakage, dismissLeakageInput } from "@/lib/reports/leakage-report";
import { runReport } from "@/lib/reports/report-registry";
import { reportScope } from "@/lib/reports/report-scope";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { apiRoute, readJson } from "./api-route";

/** GET /api/v1/reports/{report}: a report's figures as `{ data }`; a key without amounts gets 403. */
export const reportHandler = apiRoute(async ({ db, actor, request, params }) => {
  const scope = await reportScope(db, actor);
  const { report } = await runReport(db, scope, params.report, new URL(request.url).searchParams);
  return Response.json({ data: report });
});

/** POST /api/v1/reports/leakage/dismiss: `{ dealId, kind, reason }`, recorded with the key's creator. */
export const dismissLeakageHandler = apiRoute(async ({ db, actor, request }) => {
  if (!actor.canWrite) throw forbidden("This API key is read-only: dismissing a leakage row needs a write key.");
  const scope = await reportScope(db, actor);
  const input = parseInput(dismissLeakageInput, await readJson(request));
  await dismissLeakage(db, scope, actor, input);
  return Response.json({ data: { dismissed: true, dealId: input.dealId, kind: input.kind } });
});
