import { and, eq, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { xeroConnections } from "@/db/schema";
import { refreshConnection } from "@/lib/xero/get-xero-client";
import { toXeroError } from "@/lib/xero/xero-error";
import { inngest } from "../../client";

/** A refresh token unused for 60 days dies; refreshing every connection daily keeps idle ones alive. */
export const REFRESH_IF_OLDER_THAN_MS = 20 * 60 * 60_000;
export const REFRESH_XERO_CRON = "TZ=UTC 17 3 * * *";

export const refreshXeroConnections = inngest.createFunction(
  { id: "refresh-xero-connections", triggers: [{ cron: REFRESH_XERO_CRON }, { event: "xero/connections.refresh" }] },
  async ({ step }) => {
    const due = await step.run("find-connections-due", async () => {
      const cutoff = new Date(Date.now() - REFRESH_IF_OLDER_THAN_MS);
      const rows = await getDb()
        .select({ orgId: xeroConnections.orgId })
        .from(xeroConnections)
        .where(and(eq(xeroConnections.status, "connected"), lt(xeroConnections.refreshTokenIssuedAt, cutoff)));
      return rows.map((r) => r.orgId);
    });
    const outcomes: Record<string, string> = {};
    for (const orgId of due) {
      // One step per connection: a failure is recorded for that organisation and the others go on.
      outcomes[orgId] = await step.run(`refresh-${orgId}`, async () => {
        try {
          await refreshConnection(getDb(), orgId, (row) => !row.refreshTokenIssuedAt || row.refreshTokenIssuedAt.getTime() < Date.now() - REFRESH_IF_OLDER_THAN_MS);
          return "refreshed";
        } catch (error) {
          return `failed: ${toXeroError(error).code}`;
        }
      });
    }
    return { refreshed: Object.values(outcomes).filter((o) => o === "refreshed").length, outcomes };
  },
);
