import { getDb } from "@/db";
import { foldReportTotals } from "@/lib/reports/report-totals";
import { finishJobRun, jobKey, startJobRun } from "@/lib/sync/jobs/job-requests";
import { ALL_RESOURCES, failResource, incrementalSince, PAGED_RESOURCES, pullResourcePage, type PullResource } from "@/lib/sync/pull/pull-resources";
import { toXeroError } from "@/lib/xero/xero-error";
import { inngest } from "../../client";
import { perOrgConcurrency } from "../../org-concurrency";
import { sendSyncRequests } from "../../sync-events";
import { SYNC_EVENTS, type PullRequested } from "../../events";

/**
 * Pulls from Xero into the mirrors, one page per step: the first import after connecting, an
 * incremental pull (the safety net for missed webhooks), or a full reconcile for what
 * If-Modified-Since misses. A 429 sleeps Retry-After and the page is asked again; the cursor holds
 * what is done, so a run that dies resumes where the pages stopped. After the first import the
 * outbox is pushed (the contact push waits for the match).
 */
export const pullXero = inngest.createFunction(
  {
    id: "sync-pull-xero",
    triggers: [{ event: SYNC_EVENTS.pull }],
    concurrency: perOrgConcurrency,
    // The same pull (mode and resources) asked for again within a second is one run.
    debounce: { key: 'event.data.orgId + ":" + event.data.job', period: "1s", timeout: "5s" },
    retries: 3,
  },
  async ({ event, step }) => {
    const { orgId, mode, trigger } = event.data as PullRequested;
    const job = (event.data as PullRequested).job ?? jobKey({ kind: "pull", mode, resources: event.data.resources as string[] | undefined });
    await step.run("start", () => startJobRun(getDb(), orgId, job));
    const resources = (event.data.resources as PullResource[] | undefined)?.filter((r) => (ALL_RESOURCES as readonly string[]).includes(r)) ?? [...ALL_RESOURCES];
    const counts: Record<string, number> = {};
    for (const resource of resources) {
      const { since, sinceByResource } = event.data as PullRequested;
      const resyncFrom = sinceByResource && Object.hasOwn(sinceByResource, resource) ? sinceByResource[resource] : since;
      const walkFrom = resyncFrom !== undefined ? resyncFrom : mode === "incremental" ? await step.run(`since-${resource}`, async () => (await incrementalSince(getDb(), orgId, resource))?.toISOString() ?? null) : null;
      // The walk goes by time (see pullResourcePage): each step answers the next query to ask.
      let query: { page: number; since: string | null; xeroTenantId?: string } | null = { page: 1, since: walkFrom };
      counts[resource] = 0;
      for (let guard = 0; query !== null && guard < 10_000; guard++) {
        const at: { page: number; since: string | null; xeroTenantId?: string } = query;
        const result = await step.run(`${resource}-${at.page}-${guard}`, async () => {
          try {
            const r = await pullResourcePage(getDb(), orgId, resource, { page: at.page, since: at.since ? new Date(at.since) : null, walkFrom: walkFrom ? new Date(walkFrom) : null, initial: mode === "initial", trigger, xeroTenantId: at.xeroTenantId });
            return { ok: true as const, received: r.received, next: r.next ? { page: r.next.page, since: r.next.since?.toISOString() ?? null, xeroTenantId: r.next.xeroTenantId } : null };
          } catch (error) {
            const xe = toXeroError(error);
            if (xe.code === "rate_limited") return { ok: false as const, waitSeconds: Math.max(1, xe.retryAfterSeconds ?? 60), message: xe.message };
            await failResource(getDb(), orgId, resource, xe.message);
            throw error;
          }
        });
        if (!result.ok) {
          await step.sleep(`wait-${resource}-${at}-${guard}`, `${result.waitSeconds}s`);
          continue;
        }
        counts[resource] += result.received;
        query = (PAGED_RESOURCES as readonly string[]).includes(resource) ? result.next : null;
      }
    }
    await step.run("finish", () => finishJobRun(getDb(), orgId, job));
    if (mode === "initial") await step.run("push-after-import", () => sendSyncRequests([{ kind: "push", orgId, trigger: "initial" }]));
    // The reports' running totals gained rows for the contacts and days the pages changed: fold them back to one each
    // (last: the figures are right without it, so nothing waits on it).
    if (resources.some((r) => r === "invoices" || r === "payments" || r === "credit_notes")) await step.run("fold-report-totals", () => foldReportTotals(getDb(), orgId));
    return { mode, counts };
  },
);
