import { describe, expect, it } from "vitest";
import { hashPassword, passwordSchema, verifyPassword } from "./password";

const problems = (p: string) => {
  const r = passwordSchema.safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("password rules", () => {
  it("says what to add", () => {
    expect(problems("short1")).toContain("Use at least 10 characters.");
    expect(problems("abcdefghijk")).toContain("Add at least one digit.");
    expect(problems("12345678901")).toContain("Add at least one letter.");
    expect(problems("aaaaaaaaaa1")).toContain("Use at least 4 different characters.");
    expect(problems("correct-horse-42")).toEqual([]);
  });

  it("hashes with bcrypt and verifies only the right password", async () => {
    const hash = await hashPassword("correct-horse-42");
    expect(hash).toMatch(/^\$2[aby]\$/);
    expect(hash).not.toContain("correct-horse");
    await expect(verifyPassword("correct-horse-42", hash)).resolves.toBe(true);
    await expect(verifyPassword("correct-horse-43", hash)).resolves.toBe(false);
  });
});
