import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createOrganization } from "./create-organization";
import { slugify, uniqueSlug } from "./slug";
import { makeUser, uniq } from "@/test/factories";

describe("slugs", () => {
  it("makes readable URL slugs", () => {
    expect(slugify("Acme Agency")).toBe("acme-agency");
    expect(slugify("  Café Crème & Co.  ")).toBe("cafe-creme-co");
    expect(slugify("!")).toBe("org-new");
  });

  it("never reuses a taken or reserved slug", async () => {
    const db = getDb();
    const owner = await makeUser(db);
    const name = uniq("Slug Test");
    const first = await createOrganization(db, { name, ownerId: owner.id });
    const second = await createOrganization(db, { name, ownerId: owner.id });
    expect(second.slug).toBe(`${first.slug}-2`);
    expect(await uniqueSlug(db, "Admin")).toBe("admin-2");
  });
});
