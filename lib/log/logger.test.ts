import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(stream);
  logger.level = "info";
  return { logger, lines };
}

describe("logger", () => {
  it("redacts secrets at any depth and keeps the rest", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "hunter2-secret",
        xero: { access_token: "eyJhbGciOi-access", tokenSet: { refresh_token: "refresh-abc" } },
        headers: { authorization: "Bearer top-secret" },
        orgId: "org-1",
      },
      "token refresh",
    );
    const text = lines.join("");
    for (const secret of ["hunter2-secret", "eyJhbGciOi-access", "refresh-abc", "top-secret"]) expect(text).not.toContain(secret);
    expect(text).toContain("org-1");
    expect(text).toContain("[redacted]");
  });
});

describe("logger: a failed query", () => {
  it("is logged by its code and the query's shape, never its parameter values", async () => {
    const { getDb } = await import("@/db");
    const { users } = await import("@/db/schema");
    const { sql } = await import("drizzle-orm");
    const secret = "$2b$11$secret-bcrypt-hash-that-must-not-leak";
    const row = "Acme Ltd,ap@acme.test,GB,Referral";
    let failure: unknown;
    try {
      // A NOT NULL violation whose parameters hold a password hash and a CSV row.
      await getDb().insert(users).values({ name: sql`null`, email: row, passwordHash: secret } as never);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeDefined();
    const { logger, lines } = capture();
    logger.error({ err: failure }, "route failed");
    const text = lines.join("");
    expect(text).not.toContain("secret-bcrypt-hash");
    expect(text).not.toContain("ap@acme.test");
    expect(text).toContain("23502");
    expect(text).toContain("insert into");
  });
});
