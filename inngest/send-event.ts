import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { inngest } from "./client";

type JobEvent = { name: string; data: Record<string, unknown> };

/**
 * Starts the functions an event triggers: through Inngest in production, or in this process when
 * there is no Inngest server (embedded default, tests). Either way the caller does not wait for
 * the work, only for it to be accepted.
 */
export async function sendEvent(event: JobEvent): Promise<void> {
  if (!getEnv().inngest.runLocally) {
    await inngest.send(event);
    return;
  }
  const [{ eventFunctions }, { localServeHandler }, { runLocally }] = await Promise.all([import("./index"), import("./local-handler"), import("./local-driver")]);
  const handler = localServeHandler();
  for (const fnId of eventFunctions[event.name] ?? []) {
    void runLocally(handler, fnId, event)
      .then((result) => getLogger().info({ fnId, status: result.status }, "local function ran"))
      .catch((error: unknown) => getLogger().error({ fnId, err: error }, "local function failed"));
  }
}
