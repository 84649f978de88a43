import { getLogger } from "@/lib/log/logger";
import { scheduledFunctions } from "./index";
import { nextDailyRun, runLocally } from "./local-driver";
import { localServeHandler } from "./local-handler";

const store = globalThis as unknown as { __ledgerbridgeCrons?: NodeJS.Timeout[] };

/**
 * The embedded default has no Inngest server, so this process fires the scheduled functions itself,
 * through the same serve handler Inngest would call: daily crons at their time (and once at start
 * for the catch-up ones), the frequent ones on an interval. An interval run never overlaps itself.
 */
export function startLocalScheduler(): void {
  if (store.__ledgerbridgeCrons) return;
  store.__ledgerbridgeCrons = [];
  const handler = localServeHandler();
  for (const fn of scheduledFunctions) {
    const run = async () => {
      const result = await runLocally(handler, fn.fnId, { name: "inngest/scheduled.timer", data: { cron: fn.cron } });
      if (!fn.everyMs || result.status !== "completed") getLogger().info({ fnId: fn.fnId, status: result.status, output: result.output }, "scheduled function ran");
    };
    if (fn.everyMs) {
      const every = fn.everyMs;
      const tick = () => setTimeout(() => void run().catch(logFailure(fn.fnId)).finally(tick), every).unref();
      tick();
      continue;
    }
    const schedule = () => {
      const next = nextDailyRun(fn.cron, new Date());
      if (!next) return getLogger().warn({ fnId: fn.fnId, cron: fn.cron }, "the local scheduler only runs daily crons or intervals; this one will not run");
      const timer = setTimeout(() => void run().catch(logFailure(fn.fnId)).finally(schedule), next.getTime() - Date.now());
      timer.unref();
      store.__ledgerbridgeCrons!.push(timer);
    };
    if (fn.runAtStart) void run().catch(logFailure(fn.fnId));
    schedule();
  }
}

const logFailure = (fnId: string) => (error: unknown) => getLogger().error({ fnId, err: error }, "scheduled function failed");
