import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { inngest } from "./client";

type JobEvent = { name: string; data: Record<string, unknown> };

/**
 * Starts the functions events trigger: through Inngest in production, or in this process when there
 * is no Inngest server (embedded default, tests). Either way the caller does not wait for the work,
 * only for it to be accepted. Functions send their follow-up events through this too (inside a
 * step), never through step.sendEvent, which would need an Inngest server.
 */
export async function sendEvents(events: JobEvent[]): Promise<void> {
  if (!events.length) return;
  if (!getEnv().inngest.runLocally) {
    await inngest.send(events);
    return;
  }
  const [{ eventFunctions }, { localServeHandler }, { runLocally }] = await Promise.all([import("./index"), import("./local-handler"), import("./local-driver")]);
  const handler = localServeHandler();
  for (const event of events) {
    for (const fnId of eventFunctions[event.name] ?? []) {
      void runLocally(handler, fnId, event)
        .then((result) => getLogger().info({ fnId, status: result.status }, "local function ran"))
        .catch((error: unknown) => getLogger().error({ fnId, err: error }, "local function failed"));
    }
  }
}

export const sendEvent = (event: JobEvent) => sendEvents([event]);
