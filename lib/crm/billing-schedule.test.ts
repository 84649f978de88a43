import { describe, expect, it } from "vitest";
import { billingDate, nextBillingOnOrAfter } from "./billing-schedule";

describe("billing schedule", () => {
  it("steps by interval and clamps month ends", () => {
    expect(billingDate("2026-01-31", "monthly", 1)).toBe("2026-02-28");
    expect(billingDate("2026-01-31", "monthly", 2)).toBe("2026-03-31");
    expect(billingDate("2024-02-29", "yearly", 1)).toBe("2025-02-28");
    expect(billingDate("2026-11-30", "quarterly", 1)).toBe("2027-02-28");
    expect(billingDate("2026-12-28", "weekly", 1)).toBe("2027-01-04");
  });

  it("gives the next date on or after today, or none after the end", () => {
    expect(nextBillingOnOrAfter("2026-01-01", "monthly", "2026-11-22")).toBe("2026-12-01");
    expect(nextBillingOnOrAfter("2026-12-05", "monthly", "2026-11-22")).toBe("2026-12-05");
    expect(nextBillingOnOrAfter("2026-11-22", "weekly", "2026-11-22")).toBe("2026-11-22");
    expect(nextBillingOnOrAfter("2026-01-01", "monthly", "2026-11-22", "2026-11-30")).toBeNull();
  });
});
