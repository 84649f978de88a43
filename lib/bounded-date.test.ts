import { describe, expect, it } from "vitest";
import { boundedInstant, parseDay, parseInstant } from "./bounded-date";

describe("bounded dates", () => {
  it("reads real days and instants in 1900-9999, and nothing else", () => {
    expect(parseDay("2026-01-31")?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(parseDay("2026-01-31", true)?.toISOString()).toBe("2026-01-31T23:59:59.999Z");
    for (const bad of ["0000-01-01", "0000-12-31", "1899-12-31", "10000-01-01", "2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "", "+275760-09-13"]) expect(parseDay(bad)).toBeNull();
    expect(parseInstant("2026-01-01T00:00:00Z")?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(parseInstant("2026-06-01T10:00:00+13:00")?.toISOString()).toBe("2026-05-31T21:00:00.000Z");
    expect(parseInstant("9999-12-31T23:59:59.999Z")?.getUTCFullYear()).toBe(9999);
    for (const bad of ["0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "yesterday", "2026-00-10T00:00:00Z", "1899-12-31T23:59:59Z"]) expect(parseInstant(bad)).toBeNull();
  });

  it("the zod form names the field and the fix", () => {
    const r = boundedInstant("updatedSince").safeParse("0000-01-01T00:00:00Z");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/^updatedSince must be an ISO date-time like 2026-01-01T00:00:00Z, in a year between 1900 and 9999\.$/);
    expect(boundedInstant("updatedSince").parse("2026-01-01T00:00:00Z")).toEqual(new Date("2026-01-01T00:00:00Z"));
  });
});
