import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { inngest } from "./client";
import type { LocalRunQueue } from "./local-queue";

/** `id` makes the send idempotent on Inngest (a repeat of the same id within 24 h starts nothing). */
export type JobEvent = { name: string; data: Record<string, unknown>; id?: string };

const store = globalThis as unknown as { __ledgerbridgeLocalQueue?: Promise<LocalRunQueue> };

/**
 * The embedded driver's one queue per process, applying each function's concurrency and debounce
 * as Inngest's server would (it used to start every run at once).
 */
function localQueue(): Promise<LocalRunQueue> {
  store.__ledgerbridgeLocalQueue ??= (async () => {
    const [{ functions }, { localServeHandler }, { LocalRunQueue, localFunctionOf }] = await Promise.all([import("./index"), import("./local-handler"), import("./local-queue")]);
    return LocalRunQueue.forHandler(
      functions.map((fn) => localFunctionOf(inngest.id, fn)),
      localServeHandler(),
      (fnId, result) => (result instanceof Error ? getLogger().error({ fnId, err: result }, "local function failed") : getLogger().info({ fnId, status: result.status }, "local function ran")),
    );
  })();
  return store.__ledgerbridgeLocalQueue;
}

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
  const queue = await localQueue();
  for (const event of events) queue.send(event);
}

export const sendEvent = (event: JobEvent) => sendEvents([event]);

/** Resolves when the local driver has nothing waiting or running (tests measuring what a burst cost). */
export const localRunsIdle = async () => (store.__ledgerbridgeLocalQueue ? (await store.__ledgerbridgeLocalQueue).idle() : undefined);
