import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { describe, expect, it } from "vitest";
import type { ServeHandler } from "./local-driver";
import { evalKey, localFunctionOf, LocalRunQueue } from "./local-queue";

const client = new Inngest({ id: "queue-test", isDev: true });
const inFlight = new Map<string, number>();
const maxInFlight = new Map<string, number>();
let totalInFlight = 0;
let maxTotal = 0;
const debouncedRuns: { org: string; n: number }[] = [];

const serial = client.createFunction({ id: "serial", triggers: [{ event: "test/serial" }], concurrency: { key: "event.data.orgId", limit: 1 } }, async ({ event, step }) => {
  const org = event.data.orgId as string;
  await step.run("work", async () => {
    inFlight.set(org, (inFlight.get(org) ?? 0) + 1);
    maxInFlight.set(org, Math.max(maxInFlight.get(org) ?? 0, inFlight.get(org)!));
    maxTotal = Math.max(maxTotal, ++totalInFlight);
    await new Promise((r) => setTimeout(r, 100));
    inFlight.set(org, inFlight.get(org)! - 1);
    totalInFlight--;
  });
  return org;
});
const debounced = client.createFunction({ id: "debounced", triggers: [{ event: "test/debounced" }], debounce: { key: "event.data.orgId", period: "1s", timeout: "5s" } }, async ({ event }) => {
  debouncedRuns.push({ org: event.data.orgId as string, n: event.data.n as number });
  return null;
});

const countedRuns: number[] = [];
const counted = client.createFunction({ id: "counted", triggers: [{ event: "test/counted" }] }, async ({ event }) => {
  countedRuns.push(event.data.n as number);
  return null;
});

// Two functions sharing one env-scoped key (as push, pull and webhooks share "xero-<org>").
let sharedNow = 0;
let sharedMax = 0;
const sharedStep = async (step: { run: (id: string, fn: () => Promise<void>) => Promise<unknown> }) =>
  step.run("work", async () => {
    sharedMax = Math.max(sharedMax, ++sharedNow);
    await new Promise((r) => setTimeout(r, 50));
    sharedNow--;
  });
const sharedKey = { scope: "env" as const, key: '"x-" + event.data.orgId', limit: 1 };
const sharedA = client.createFunction({ id: "shared-a", triggers: [{ event: "test/shared-a" }], concurrency: [sharedKey] }, async ({ step }) => sharedStep(step));
const sharedB = client.createFunction({ id: "shared-b", triggers: [{ event: "test/shared-b" }], concurrency: [sharedKey] }, async ({ step }) => sharedStep(step));

const { POST } = serve({ client, functions: [serial, debounced, counted, sharedA, sharedB] });
const handler: ServeHandler = (req) => POST(req as never, undefined as never) as Promise<Response>;

describe("the local driver's queue honours the functions' concurrency and debounce keys", () => {
  it("runs one at a time per key, keys side by side, none lost", async () => {
    const queue = LocalRunQueue.forHandler([localFunctionOf("queue-test", serial)], handler);
    for (let i = 0; i < 3; i++) for (const orgId of ["a", "b"]) queue.send({ name: "test/serial", data: { orgId } });
    await queue.idle();
    expect(Object.fromEntries(maxInFlight)).toEqual({ a: 1, b: 1 });
    expect(maxTotal).toBe(2);
  });

  it("a key scoped beyond the function is shared by every function naming it", async () => {
    const queue = LocalRunQueue.forHandler([localFunctionOf("queue-test", sharedA), localFunctionOf("queue-test", sharedB)], handler);
    for (let i = 0; i < 3; i++) for (const name of ["test/shared-a", "test/shared-b"]) queue.send({ name, data: { orgId: "a" } });
    await queue.idle();
    expect(sharedMax).toBe(1);
  });

  it("a burst of events for one key is one run with the latest event, after a quiet period", async () => {
    const queue = LocalRunQueue.forHandler([localFunctionOf("queue-test", debounced)], handler);
    for (let n = 0; n < 10; n++) queue.send({ name: "test/debounced", data: { orgId: "a", n } });
    queue.send({ name: "test/debounced", data: { orgId: "b", n: 0 } });
    await queue.idle();
    expect(debouncedRuns.sort((x, y) => x.org.localeCompare(y.org))).toEqual([
      { org: "a", n: 9 },
      { org: "b", n: 0 },
    ]);
  });

  it("an event id sent again starts nothing, as on Inngest (a join re-sends its waiting run's event)", async () => {
    const queue = LocalRunQueue.forHandler([localFunctionOf("queue-test", counted)], handler);
    queue.send({ name: "test/counted", data: { n: 1 }, id: "push:o1:1" });
    queue.send({ name: "test/counted", data: { n: 2 }, id: "push:o1:1" });
    queue.send({ name: "test/counted", data: { n: 3 }, id: "push:o1:2" });
    queue.send({ name: "test/counted", data: { n: 4 } });
    queue.send({ name: "test/counted", data: { n: 5 } });
    await queue.idle();
    expect(countedRuns.sort()).toEqual([1, 3, 4, 5]);
  });

  it("reads the key expressions the functions use", () => {
    const event = { name: "x", data: { orgId: "o1", job: "pull:incremental:all" } };
    expect(evalKey("event.data.orgId", event)).toBe("o1");
    expect(evalKey('event.data.orgId + ":" + event.data.job', event)).toBe("o1:pull:incremental:all");
    expect(evalKey("event.data.missing", event)).toBe("");
    expect(evalKey("size(event.data)", event)).toBe("size(event.data)");
  });
});
