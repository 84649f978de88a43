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
