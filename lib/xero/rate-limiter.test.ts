import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { xeroRateLimits } from "@/db/schema";
import { makeOrg } from "@/test/factories";
import { addSandboxTenant, connectThroughSandbox, startSandboxForApp } from "@/test/xero-app-sandbox";
import type { RunningSandbox } from "@/xero-sandbox";
import { callXero } from "./call-xero";
import { admitXeroCall, noteXeroLimits, releaseXeroCall } from "./rate-limiter";

const limits = { concurrent: 5, perMinute: 60, perDay: 5000 };
const tenant = () => `tenant-${crypto.randomUUID()}`;
const MINUTE_START = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);

describe("Xero rate limiter (Postgres, across processes)", () => {
  it("admits 60 calls in a minute window, then says to wait for the next window", async () => {
    const db = getDb();
    const t = tenant();
    for (let i = 0; i < 60; i++) {
      const a = await admitXeroCall(db, t, MINUTE_START + 1000, limits);
      expect(a.ok).toBe(true);
      if (a.ok) await releaseXeroCall(db, a.leaseId);
    }
    expect(await admitXeroCall(db, t, MINUTE_START + 1000, limits)).toEqual({ ok: false, waitMs: 59_000, reason: "minute" });
    expect((await admitXeroCall(db, t, MINUTE_START + 60_000, limits)).ok).toBe(true);
  });

  it("holds at most 5 in flight, even when asked all at once; a dead worker's lease expires", async () => {
    const db = getDb();
    const t = tenant();
    const answers = await Promise.all(Array.from({ length: 12 }, () => admitXeroCall(db, t, MINUTE_START, limits)));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.reason === "concurrent")).toBe(true);
    // Nobody released: three minutes later the leases have lapsed and calls flow again.
    expect((await admitXeroCall(db, t, MINUTE_START + 3 * 60_000, limits)).ok).toBe(true);
  });

  it("keeps the daily budget", async () => {
    const db = getDb();
    const t = tenant();
    const small = { ...limits, perDay: 3 };
    for (let i = 0; i < 3; i++) {
      const a = await admitXeroCall(db, t, MINUTE_START + i * 60_000, small);
      if (a.ok) await releaseXeroCall(db, a.leaseId);
    }
    const refused = await admitXeroCall(db, t, MINUTE_START + 5 * 60_000, small);
    expect(refused).toMatchObject({ ok: false, reason: "day" });
  });

  it("pauses every caller after a 429 for Retry-After, and when Xero says none remain", async () => {
    const db = getDb();
    const t = tenant();
    await noteXeroLimits(db, t, { status: 429, retryAfterSeconds: 30, problem: "minute" }, MINUTE_START);
    expect(await admitXeroCall(db, t, MINUTE_START + 10_000, limits)).toEqual({ ok: false, waitMs: 20_000, reason: "paused" });
    expect((await admitXeroCall(db, t, MINUTE_START + 31_000, limits)).ok).toBe(true);
    await noteXeroLimits(db, t, { status: 200, minRemaining: 0, dayRemaining: 100 }, MINUTE_START + 61_000);
    expect(await admitXeroCall(db, t, MINUTE_START + 62_000, limits)).toMatchObject({ ok: false, reason: "paused" });
  });
});

describe("callXero keeps Xero's limits", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandboxForApp();
  });
  afterAll(() => sandbox.close());

  it("after a 429 it waits out Retry-After without calling Xero again, then succeeds", async () => {
    const db = getDb();
    const ctx = await makeOrg(db);
    const tenantId = addSandboxTenant(sandbox);
    await connectThroughSandbox(db, ctx, tenantId);
    await db.delete(xeroRateLimits).where(eq(xeroRateLimits.xeroTenantId, tenantId));
    sandbox.control.setFaults({ force429: { count: 1, problem: "minute" } });
    const call = () => callXero(db, ctx.org.id, { method: "GET", path: "/Currencies" }, (xero, tenantId) => xero.accountingApi.getCurrencies(tenantId));
    const first = await call().catch((e) => e);
    expect(first).toMatchObject({ code: "rate_limited", retryable: true, retryAfterSeconds: 2 });
    const callsBefore = sandbox.control.requests({ pathPrefix: "/api.xro" }).length;
    const second = await call().catch((e) => e);
    expect(second).toMatchObject({ code: "rate_limited", rateLimitProblem: "paused" });
    expect(sandbox.control.requests({ pathPrefix: "/api.xro" }).length).toBe(callsBefore);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await call()).response.status).toBe(200);
  });
});

describe("manual calls have their own small share of the day", () => {
  const small = { concurrent: 5, perMinute: 1000, perDay: 100, manualPerDay: 5 };
  const admitMany = async (t: string, n: number, purpose: "sync" | "manual") => {
    let admitted = 0;
    for (let i = 0; i < n; i++) {
      const a = await admitXeroCall(getDb(), t, MINUTE_START + 1000, small, purpose);
      if (!a.ok) continue;
      admitted++;
      await releaseXeroCall(getDb(), a.leaseId);
    }
    return admitted;
  };

  it("manual calls stop at their share, and the sync still has the rest of the day", async () => {
    const t = tenant();
    expect(await admitMany(t, 8, "manual")).toBe(5);
    expect(await admitXeroCall(getDb(), t, MINUTE_START + 1000, small, "manual")).toMatchObject({ ok: false, reason: "manual" });
    expect(await admitMany(t, 100, "sync")).toBe(95);
  });

  it("the sync never eats the manual share: after the sync's 95, manual calls still go", async () => {
    const t = tenant();
    expect(await admitMany(t, 100, "sync")).toBe(95);
    expect(await admitXeroCall(getDb(), t, MINUTE_START + 1000, small)).toMatchObject({ ok: false, reason: "day" });
    expect(await admitMany(t, 5, "manual")).toBe(5);
  });

  it("both shares start again the next UTC day", async () => {
    const t = tenant();
    await admitMany(t, 5, "manual");
    expect((await admitXeroCall(getDb(), t, MINUTE_START + 86_400_000, small, "manual")).ok).toBe(true);
  });
});

describe("reading never takes the share kept for sending our changes", () => {
  const admit = async (t: string, n: number, purpose: "sync" | "poll", at: number, lim: { concurrent: number; perMinute: number; perDay: number; manualPerDay?: number }) => {
    let admitted = 0;
    for (let i = 0; i < n; i++) {
      const a = await admitXeroCall(getDb(), t, at, lim, purpose);
      if (!a.ok) continue;
      admitted++;
      await releaseXeroCall(getDb(), a.leaseId);
    }
    return admitted;
  };

  it("of 60 a minute, pulls and webhook fetches get 50 and pushes the rest", async () => {
    const t = tenant();
    expect(await admit(t, 60, "poll", MINUTE_START + 1000, limits)).toBe(50);
    expect(await admitXeroCall(getDb(), t, MINUTE_START + 2000, limits, "poll")).toMatchObject({ ok: false, reason: "minute" });
    expect(await admit(t, 20, "sync", MINUTE_START + 2000, limits)).toBe(10);
  });

  it("of a day's 100 (5 for people), reading stops at 75 and pushes still have 20", async () => {
    const t = tenant();
    const day = { concurrent: 5, perMinute: 1000, perDay: 100, manualPerDay: 5 };
    expect(await admit(t, 100, "poll", MINUTE_START + 1000, day)).toBe(75);
    expect(await admit(t, 100, "sync", MINUTE_START + 1000, day)).toBe(20);
  });
});
