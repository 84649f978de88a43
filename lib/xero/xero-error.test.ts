import { describe, expect, it } from "vitest";
import { toXeroError } from "./xero-error";

describe("toXeroError", () => {
  it("a 403 for a missing Xero role is a permission problem, not a dead connection", () => {
    const body = (detail: string) => JSON.stringify({ response: { statusCode: 403, body: { Title: "Forbidden", Status: 403, Detail: detail }, headers: {} } });
    expect(toXeroError(body("AuthorizationUnsuccessful"))).toMatchObject({ status: 403, code: "permission_denied", retryable: false });
    expect(toXeroError(body("AuthenticationUnsuccessful"))).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("socket errors are Xero's only when the HTTP client that called Xero raised them; the database's are not", () => {
    expect(toXeroError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET", isAxiosError: true }))).toMatchObject({ code: "network", retryable: true });
    expect(toXeroError(Object.assign(new Error("timeout of 20000ms exceeded"), { code: "ECONNABORTED", config: {} }))).toMatchObject({ code: "timeout" });
    // node-postgres and the Neon driver fail with bare system errors.
    for (const code of ["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "EPIPE"]) {
      expect(toXeroError(Object.assign(new Error(`read ${code}`), { code, errno: -104, syscall: "read" }))).toMatchObject({ code: "unknown", status: 0 });
    }
  });
});
