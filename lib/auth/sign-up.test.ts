import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { memberships, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { uniq } from "@/test/factories";
import { signUp } from "./sign-up";

describe("signUp", () => {
  it("creates the user and a new organisation they own", async () => {
    const db = getDb();
    const email = `${uniq("new")}@Example.test`;
    const { user, org } = await signUp(db, { name: "Nia New", email, password: "correct-horse-42", organizationName: "Nia's Studio" });
    expect(user.email).toBe(email.toLowerCase());
    expect(org.slug).toMatch(/^nia-s-studio/);
    const [m] = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(m).toMatchObject({ orgId: org.id, role: "owner" });
  });

  it("refuses a second account for the same email in any case, naming the field", async () => {
    const db = getDb();
    const email = `${uniq("dup")}@example.test`;
    await signUp(db, { name: "A", email, password: "correct-horse-42", organizationName: "First Org" });
    const error = await signUp(db, { name: "B", email: email.toUpperCase(), password: "correct-horse-42", organizationName: "Second Org" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.fields).toEqual([expect.objectContaining({ field: "email" })]);
  });

  it("names every bad field and writes nothing", async () => {
    const db = getDb();
    const email = `${uniq("bad")}@example.test`;
    const error = await signUp(db, { name: "", email, password: "short", organizationName: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation");
    expect([...new Set(error.fields.map((f: { field: string }) => f.field))].sort()).toEqual(["name", "organizationName", "password"]);
    expect(await db.select().from(users).where(eq(sql`lower(${users.email})`, email))).toEqual([]);
  });
});
