import { describe, expect, it } from "vitest";
import { displayStatusOf, type StatusFacts } from "./display-status";

const approved: StatusFacts = { status: "AUTHORISED", dueDate: "2026-12-10", amountDue: "100.00", amountPaid: "0.00", sentToContact: false, sentAt: null, viewedAt: null };
const at = new Date("2026-12-01T10:00:00Z");
const of = (changes: Partial<StatusFacts>, today = "2026-12-03") => displayStatusOf({ ...approved, ...changes }, today);

describe("displayStatus: the first that applies", () => {
  it("in the documented order", () => {
    expect(of({ status: "VOIDED" })).toBe("Voided");
    expect(of({ status: "DELETED", dueDate: "2020-01-01" })).toBe("Voided");
    expect(of({ status: "PAID", amountDue: "0.00", dueDate: "2020-01-01" })).toBe("Paid");
    expect(of({ status: "DRAFT", dueDate: "2020-01-01" })).toBe("Draft");
    expect(of({ status: "SUBMITTED" })).toBe("Awaiting approval");
    expect(of({ dueDate: "2026-12-02", viewedAt: at, amountPaid: "10.00" })).toBe("Overdue");
    expect(of({ amountPaid: "10.00", viewedAt: at })).toBe("Part paid");
    expect(of({ viewedAt: at, sentToContact: true })).toBe("Viewed");
    expect(of({ sentToContact: true })).toBe("Sent");
    expect(of({ sentAt: at })).toBe("Sent");
    expect(of({})).toBe("Approved");
  });

  it("due today is not overdue; nothing left to pay is not overdue; no due date never is", () => {
    expect(of({ dueDate: "2026-12-03" })).toBe("Approved");
    expect(of({ dueDate: "2026-12-01", amountDue: "0.00" })).toBe("Approved");
    expect(of({ dueDate: null })).toBe("Approved");
    expect(of({ dueDate: "2026-12-03" }, "2026-12-04")).toBe("Overdue");
  });
});
