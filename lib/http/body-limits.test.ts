import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { bodyLimitFor, MAX_IMPORT_BYTES, MAX_JSON_BODY_BYTES } from "./body-limits";

const post = (path: string, length: number) => new NextRequest(`http://app.test${path}`, { method: "POST", headers: { "content-length": String(length), "content-type": "application/json" } });

describe("request body limits", () => {
  it("the proxy refuses a declared size over the route's limit, unread, with JSON naming the limit", async () => {
    const refused = proxy(post("/api/v1/customers", 99_999_999));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: { code: "payload_too_large", message: "The request body is larger than 1024 KB. Send less per request." } });
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    expect(proxy(post("/api/v1/customers", MAX_JSON_BODY_BYTES)).status).toBe(200);
    // A CSV upload may be 10 MB plus its envelope; a JSON body may not.
    expect(proxy(post("/api/o/acme/imports", MAX_IMPORT_BYTES + 1000)).status).toBe(200);
    expect(proxy(post("/api/o/acme/imports", MAX_IMPORT_BYTES * 2)).status).toBe(413);
    expect(proxy(post("/api/o/acme/customers", MAX_IMPORT_BYTES)).status).toBe(413);
  });

  it("Xero's webhooks and the job endpoint are outside the proxy, so their own capped reads act first", () => {
    const matcher = new RegExp(`^${config.matcher[0].source}$`);
    for (const path of ["/api/webhooks/xero", "/api/inngest"]) expect(matcher.test(path)).toBe(false);
    for (const path of ["/api/v1/customers", "/o/acme/sync", "/sign-in"]) expect(matcher.test(path)).toBe(true);
    expect(bodyLimitFor("/api/webhooks/xero")).toBe(5 * 1024 * 1024);
  });
});
