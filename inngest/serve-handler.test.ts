import { describe, expect, it } from "vitest";
import { localServeHandler } from "./local-handler";
import { LOCAL_SIGNATURE_HEADER, signLocalRequest, verifyLocalRequest } from "./local-signature";
import { inngestRouteHandlers } from "./serve-handler";

const url = "http://localhost/api/inngest?fnId=ledgerbridge-refresh-xero-connections&stepId=step";
const body = JSON.stringify({ event: { name: "inngest/scheduled.timer", data: {} }, events: [], steps: {}, ctx: { run_id: "r1", attempt: 0, stack: { stack: [], current: 0 } }, version: 2 });

describe("/api/inngest without an Inngest server (embedded default, tests)", () => {
  const { GET, POST, PUT } = inngestRouteHandlers();

  it("refuses a POST from outside: unsigned, wrongly signed, or signed for another body", async () => {
    const unsigned = await POST(new Request(url, { method: "POST", body }), undefined);
    expect(unsigned.status).toBe(401);
    const forged = await POST(new Request(url, { method: "POST", body, headers: { [LOCAL_SIGNATURE_HEADER]: `t=${Date.now()}&s=${"0".repeat(64)}` } }), undefined);
    expect(forged.status).toBe(401);
    const replayed = await POST(new Request(url, { method: "POST", body: body.replace("r1", "r2"), headers: { [LOCAL_SIGNATURE_HEADER]: signLocalRequest(body) } }), undefined);
    expect(replayed.status).toBe(401);
  });

  it("has nothing to register or introspect", async () => {
    expect((await GET(new Request(url), undefined)).status).toBe(404);
    expect((await PUT(new Request(url, { method: "PUT" }), undefined)).status).toBe(404);
  });

  it("runs the local driver's signed request through the SDK", async () => {
    const response = await localServeHandler()(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body }));
    expect([200, 206]).toContain(response.status);
  });

  it("refuses an old signature", () => {
    const old = Date.now() - 10 * 60_000;
    expect(verifyLocalRequest(signLocalRequest(body, old), body)).toBe(false);
    expect(verifyLocalRequest(signLocalRequest(body), body)).toBe(true);
  });
});
