"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { sendSyncRequests } from "@/inngest/sync-events";
import { adminAction } from "@/lib/admin/admin-action";
import { startAdminResync } from "@/lib/admin/admin-resync";
import { organisationOf } from "@/lib/admin/admin-route";
import { boundedDay } from "@/lib/bounded-date";
import { AppError } from "@/lib/errors";
import { RESYNC_TYPES } from "@/lib/sync/resync";
import { retryFailed, retryIds } from "@/lib/sync/retry-failed";
import { checkXeroConnection } from "@/lib/xero/check-xero-connections";

const refresh = (orgId: string) => revalidatePath(`/admin/organizations/${orgId}`);

/** Retry one, the ticked, or every failed record (of one cause) of a tenant, and send them at once. */
export const adminRetryAction = adminAction(
  { action: "page retry", schema: z.object({ ids: retryIds.optional(), cause: z.string().max(60).optional(), scope: z.enum(["selected", "all"]) }) },
  async (db, _admin, orgId, input, audit) => {
    const org = await organisationOf(db, orgId);
    const ids = input.ids ?? [];
    if (input.scope === "selected" && !ids.length) throw new AppError("validation", "Tick the records to retry.", [{ field: "ids", message: "Tick at least one record." }]);
    const queued = await retryFailed(db, org.id, input.scope === "all" ? { cause: input.cause || undefined } : { itemIds: ids });
    audit.details = { scope: input.scope, cause: input.cause ?? null, queued };
    if (queued) await sendSyncRequests([{ kind: "push", orgId: org.id, trigger: "retry" }]).catch(() => undefined);
    refresh(org.id);
    return { ok: true, message: queued ? `${queued} record${queued === 1 ? "" : "s"} queued again and sent now.` : "Nothing left to retry." };
  },
);

const resyncForm = z.object({
  types: z.union([z.enum(RESYNC_TYPES), z.array(z.enum(RESYNC_TYPES))], { error: "Choose at least one kind of record." }),
  since: z.preprocess((v) => (v === "" ? null : v), boundedDay("since").nullable().optional()),
});

/** The guide's resync from the page: the same function as the API's, with its runs' progress on the page. */
export const adminResyncAction = adminAction({ action: "page resync", schema: resyncForm }, async (db, admin, orgId, input, audit) => {
  const org = await organisationOf(db, orgId);
  const types = ([] as (typeof RESYNC_TYPES)[number][]).concat(input.types);
  const started = await startAdminResync(db, org.id, { sync_types: types, since: input.since ? `${input.since}T00:00:00Z` : null }, admin.userId);
  audit.details = { sync_types: types, since: started.since };
  await sendSyncRequests([
    { kind: "pull", orgId: org.id, mode: "incremental", resources: started.resources, since: started.since, sinceByResource: started.walkFrom, trigger: "resync" },
    { kind: "push", orgId: org.id, trigger: "resync" },
  ]).catch(() => undefined);
  refresh(org.id);
  return { ok: true, message: `Resync started: ${types.join(", ")}${input.since ? ` changed since ${input.since}` : " (everything)"}. Its progress shows below.` };
});

/** Asks Xero's /connections whether the app is still connected (revoked or removed inside Xero shows at once). */
export const checkConnectionAction = adminAction({ action: "page check connection", schema: z.object({}) }, async (db, _admin, orgId, _input, audit) => {
  const org = await organisationOf(db, orgId);
  const check = await checkXeroConnection(db, org.id);
  audit.details = { state: check.state };
  refresh(org.id);
  return check.state === "connected" ? { ok: true, message: check.message } : { ok: false, error: check.message };
});
