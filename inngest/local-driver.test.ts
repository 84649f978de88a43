import { Inngest, NonRetriableError } from "inngest";
import { serve } from "inngest/next";
import { describe, expect, it } from "vitest";
import { durationMs, nextDailyRun, runLocally, type ServeHandler } from "./local-driver";

const client = new Inngest({ id: "driver-test", isDev: true });
let flaky = 0;
const sleeps: number[] = [];

const twoSteps = client.createFunction({ id: "two-steps", triggers: [{ event: "test/go" }] }, async ({ step, event }) => {
  const a = await step.run("first", async () => ({ n: 1, from: event.data.x }));
  await step.sleep("nap", "2s");
  const b = await step.run("flaky", async () => {
    if (++flaky < 3) throw new Error("temporary");
    return a.n + 1;
  });
  return { a, b };
});
const fatal = client.createFunction({ id: "fatal", triggers: [{ event: "test/fatal" }] }, async () => {
  throw new NonRetriableError("bad input");
});

const { POST } = serve({ client, functions: [twoSteps, fatal] });
const handler: ServeHandler = (req) => POST(req as never, undefined as never) as Promise<Response>;
const fakeSleep = async (ms: number) => void sleeps.push(ms);

describe("local Inngest driver (speaks the SDK's protocol to the real serve handler)", () => {
  it("runs steps in order, sleeps the sleep, retries a failing step, and returns the output", async () => {
    const result = await runLocally(handler, "driver-test-two-steps", { name: "test/go", data: { x: 7 } }, { sleep: fakeSleep });
    expect(result).toEqual({ status: "completed", output: { a: { n: 1, from: 7 }, b: 2 }, steps: 3 });
    expect(sleeps).toContain(2000);
    expect(flaky).toBe(3);
  });

  it("does not retry a NonRetriableError", async () => {
    const result = await runLocally(handler, "driver-test-fatal", { name: "test/fatal", data: {} }, { sleep: fakeSleep });
    expect(result.status).toBe("failed");
    expect(JSON.stringify(result.output)).toContain("bad input");
  });

  it("reads durations and daily crons", () => {
    expect(durationMs("30m")).toBe(1_800_000);
    expect(nextDailyRun("TZ=UTC 17 3 * * *", new Date("2026-11-22T02:00:00Z"))!.toISOString()).toBe("2026-11-22T03:17:00.000Z");
    expect(nextDailyRun("17 3 * * *", new Date("2026-11-22T04:00:00Z"))!.toISOString()).toBe("2026-11-23T03:17:00.000Z");
    expect(nextDailyRun("*/5 * * * *", new Date())).toBeNull();
  });
});
