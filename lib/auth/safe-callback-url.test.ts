import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

const origin = "http://localhost:3000";

describe("safeCallbackUrl", () => {
  it("keeps a path on our own origin, normalised", () => {
    expect(safeCallbackUrl("/o/acme/deals?view=table#x", "/", origin)).toBe("/o/acme/deals?view=table#x");
    expect(safeCallbackUrl("/o/acme/../acme/customers", "/", origin)).toBe("/o/acme/customers");
    expect(safeCallbackUrl("http://localhost:3000/o/acme", "/", origin)).toBe("/o/acme");
  });

  it.each([
    ["a tab after the first slash", "/\t/evil.com"],
    ["a newline after the first slash", "/\n/evil.com"],
    ["a protocol-relative URL", "//evil.com/x"],
    ["a backslash", "/\\evil.com"],
    ["another origin", "https://evil.com/o/acme"],
    ["another port", "http://localhost:4000/"],
    ["a javascript URL", "javascript:alert(1)"],
    ["a path that normalises to //", "/.//evil.com"],
  ])("refuses %s", (_what, value) => {
    const result = safeCallbackUrl(value, "/", origin);
    expect(result).toBe("/");
  });

  it("never returns a control character (they broke the redirect header)", () => {
    for (const value of ["/o/acme\r\nSet-Cookie: x=1", "/o/%0a/acme", "/o/acme\u0000"]) {
      expect(safeCallbackUrl(value, "/", origin)).not.toMatch(/[\u0000-\u001f]/);
    }
    expect(safeCallbackUrl(42, "/home", origin)).toBe("/home");
  });
});
