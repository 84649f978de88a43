import { getDb } from "@/db";
import { organisationsWithWatchedQuotes, syncQuotes } from "@/lib/sync/quotes/sync-quotes";
import { toXeroError } from "@/lib/xero/xero-error";
import { inngest } from "../../client";
import { requestPush } from "../../sync-events";

/** Every minute: Xero raises no webhook for quotes, so an open quote's answer is polled. */
export const QUOTES_CRON = "* * * * *";

/**
 * The quotes pull of every organisation with an open quote, one step each (one organisation's Xero
 * trouble is its own), and the push that invoices a deal whose quote was just accepted.
 */
export const watchQuotes = inngest.createFunction({ id: "sync-watch-quotes", triggers: [{ cron: QUOTES_CRON }] }, async ({ step }) => {
  const orgIds = await step.run("organisations-with-open-quotes", () => organisationsWithWatchedQuotes(getDb()));
  let accepted = 0;
  for (const orgId of orgIds) {
    const result = await step.run(`quotes-${orgId}`, async () => {
      try {
        return { ok: true as const, ...(await syncQuotes(getDb(), orgId, "schedule")) };
      } catch (error) {
        // Retried at the next minute's run; a 429 or a refused token is the organisation's alone.
        return { ok: false as const, error: toXeroError(error).message, accepted: 0 };
      }
    });
    if (result.accepted) {
      accepted += result.accepted;
      await step.run(`invoice-${orgId}`, () => requestPush(orgId, "manual"));
    }
  }
  return { organisations: orgIds.length, accepted };
});
