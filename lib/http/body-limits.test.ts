import { describe, expect, it } from "vitest";
import { config } from "@/proxy";
import { readBodyBytes } from "./read-body";

/** Whether the proxy runs for a request, by its matcher (path plus the `missing` header rule). */
function proxied(path: string, headers: Record<string, string> = {}): boolean {
  return config.matcher.some((m) => new RegExp(`^${m.source.replace("/:path*", "(?:/.*)?")}$`).test(path) && !("missing" in m && m.missing?.some((h) => h.key in headers)));
}

describe("request body limits", () => {
  it("requests that declare a body skip the proxy (Next would wait for the whole body before any answer); pages and body-less API calls do not", () => {
    expect(proxied("/o/acme/sync")).toBe(true);
    expect(proxied("/sign-in", { "content-length": "120" })).toBe(true);
    expect(proxied("/api/v1/customers")).toBe(true);
    expect(proxied("/api/v1/customers", { "content-length": "99999999" })).toBe(false);
    for (const path of ["/api/webhooks/xero", "/api/inngest"]) {
      expect(proxied(path)).toBe(false);
      expect(proxied(path, { "content-length": "10" })).toBe(false);
    }
  });

  it("a route's limit is refused from the declared length before a byte is read", async () => {
    let pulled = 0;
    const endless = new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) });
    const request = new Request("http://app.test/api/v1/customers", { method: "POST", body: endless, headers: { "content-length": "99999999" }, duplex: "half" } as RequestInit);
    await expect(readBodyBytes(request)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled).toBeLessThanOrEqual(1);
  });
});
