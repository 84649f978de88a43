import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { addMember, makeOrg, makeUser } from "@/test/factories";
import { loadOrgContext } from "./org-context";
import { canSeeAmounts } from "./roles";

describe("loadOrgContext (the tenancy chokepoint's lookup)", () => {
  it("resolves a member's organisation and role", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const sales = await addMember(db, owner.org.id, owner.org.slug, "sales");
    expect(sales).toMatchObject({ role: "sales", org: { id: owner.org.id } });
  });

  it("answers null for another tenant's slug and for an unknown slug alike", async () => {
    const db = getDb();
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    expect(await loadOrgContext(db, a.user, b.org.slug)).toBeNull();
    expect(await loadOrgContext(db, a.user, "no-such-org-anywhere")).toBeNull();
    const stranger = await makeUser(db);
    expect(await loadOrgContext(db, stranger, a.org.slug)).toBeNull();
  });
});

describe("canSeeAmounts", () => {
  it("always lets owners, admins and finance see amounts", () => {
    for (const role of ["owner", "admin", "finance"] as const) {
      expect(canSeeAmounts({ salesCanSeeAmounts: false }, { role, canSeeAmounts: false })).toBe(true);
    }
  });

  it("lets sales follow the organisation's rule unless overridden", () => {
    expect(canSeeAmounts({ salesCanSeeAmounts: false }, { role: "sales", canSeeAmounts: null })).toBe(false);
    expect(canSeeAmounts({ salesCanSeeAmounts: true }, { role: "sales", canSeeAmounts: null })).toBe(true);
    expect(canSeeAmounts({ salesCanSeeAmounts: false }, { role: "sales", canSeeAmounts: true })).toBe(true);
    expect(canSeeAmounts({ salesCanSeeAmounts: true }, { role: "sales", canSeeAmounts: false })).toBe(false);
  });
});
