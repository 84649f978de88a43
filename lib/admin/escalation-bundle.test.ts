import { describe, expect, it } from "vitest";
import { redactPersonalData } from "./escalation-bundle";

describe("redactPersonalData", () => {
  it("takes out emails and phone numbers however they are written, and leaves dates, times and ids", () => {
    expect(redactPersonalData("Duplicate contact: John.Doe+ap@Example.co.uk")).toBe("Duplicate contact: [email]");
    for (const phone of ["+44 20 7946 0000", "020 7946 0000", "(555) 123-4567", "555-123-4567", "+1 (555) 123 4567"]) expect(redactPersonalData(`call ${phone} today`)).toBe("call [phone] today");
    const kept = "on 2026-12-03T10:00:00Z invoice INV-0042 id 12345678-1234-4234-8234-123456789012 amount 1234.56";
    expect(redactPersonalData(kept)).toBe(kept);
  });
});
