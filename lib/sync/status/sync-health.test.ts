import { describe, expect, it } from "vitest";
import { syncHealth, type HealthFacts } from "./sync-health";

const now = new Date("2026-12-03T12:00:00Z");
const base: HealthFacts = { connection: { status: "connected", refreshTokenIssuedAt: new Date("2026-12-01T00:00:00Z") }, recentCalls: 10, recentCallsFailed: 0, failedInARow: 0, callsRefusedUntil: null, failedRecords: 0 };
const health = (changes: Partial<HealthFacts>) => syncHealth({ ...base, ...changes }, now);

describe("the one health rule", () => {
  it("first match wins, in the documented order", () => {
    expect(health({})).toBe("healthy");
    expect(health({ connection: null })).toBe("disconnected");
    expect(health({ connection: { status: "disconnected", refreshTokenIssuedAt: null }, failedRecords: 3 })).toBe("disconnected");
    expect(health({ connection: { status: "needs_reauth", refreshTokenIssuedAt: null }, recentCallsFailed: 10, failedInARow: 10 })).toBe("needs_reauth");
    // 60 days unused: the refresh token is dead whatever the row says.
    expect(health({ connection: { status: "connected", refreshTokenIssuedAt: new Date("2026-10-03T11:59:00Z") } })).toBe("needs_reauth");
    expect(health({ connection: { status: "connected", refreshTokenIssuedAt: new Date("2026-10-04T12:01:00Z") } })).toBe("healthy");
  });

  it("a flake is not failing; three failures in a row, or nothing but failures, are", () => {
    expect(health({ recentCallsFailed: 1, failedInARow: 1 })).toBe("healthy");
    expect(health({ recentCallsFailed: 2, failedInARow: 2 })).toBe("healthy");
    expect(health({ recentCallsFailed: 3, failedInARow: 3 })).toBe("failing");
    expect(health({ recentCalls: 1, recentCallsFailed: 1, failedInARow: 1 })).toBe("failing");
    expect(health({ recentCalls: 0 })).toBe("healthy");
  });

  it("calls refused past a minute is failing; records Xero refuses are degraded, however many", () => {
    expect(health({ callsRefusedUntil: new Date("2026-12-04T00:00:00Z") })).toBe("failing");
    // A minute's limit pausing a few seconds is routine under load, not failing.
    expect(health({ callsRefusedUntil: new Date("2026-12-03T12:00:30Z") })).toBe("healthy");
    expect(health({ callsRefusedUntil: new Date("2026-12-03T11:59:00Z") })).toBe("healthy");
    expect(health({ failedRecords: 2 })).toBe("degraded");
    expect(health({ recentCalls: 0, failedRecords: 1 })).toBe("degraded");
  });
});
