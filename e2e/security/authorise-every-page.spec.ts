import { connect } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { signIn } from "../helpers";

/**
 * Security review S1: a client-side navigation asks Next for the page segment alone when its router
 * tree says the layout is already on screen, so a check made only in a layout never runs. Each
 * restricted page must refuse by itself.
 */
const node = (segment: string | (string | null)[], children: Record<string, unknown> = {}) => [segment, children, null, null, 0];
/** The router tree of a browser that shows /o/acme/sync/<current>, as Next sends it on a navigation. */
const syncTree = (current: string) =>
  ["", { children: node("(portal)", { children: node("o", { children: node(["org", "acme", "d", null], { children: node("sync", { children: current === "" ? node("__PAGE__") : node(current, { children: node("__PAGE__") }) }) }) }) }) }, null, null, 16];
const adminTree = ["", { children: node("admin", { children: node("zzz") }) }, null, null, 16];

async function rsc(page: Page, path: string, tree: unknown) {
  const stateTree = encodeURIComponent(JSON.stringify(tree));
  // Next answers an RSC request without its cache-busting `_rsc` (a hash of these headers) with a redirect: add it, as the router does.
  const busting = await computeCacheBustingSearchParam("0", undefined, stateTree, undefined);
  const res = await page.request.get(`${path}?_rsc=${busting}`, { headers: { RSC: "1", "Next-Router-State-Tree": stateTree }, maxRedirects: 0 });
  return { status: res.status(), body: await res.text() };
}

/**
 * A streamed navigation answer cannot change its status once the layout above has been sent, so
 * Next answers notFound() in the page with 200 and the not-found boundary in the payload; a plain
 * request gets a real 404. Either way no page content.
 */
function expectNotFound(res: { status: number; body: string }, what: string) {
  expect([200, 404], what).toContain(res.status);
  expect(res.body, what).toContain("NEXT_HTTP_ERROR_FALLBACK;404");
}

const SYNC_PAGES = [
  { path: "/o/acme/sync/log", from: "errors", marker: /Filter the sync log/ },
  { path: "/o/acme/sync/errors", from: "log", marker: /No failed records|Retry/ },
  { path: "/o/acme/sync/review", from: "log", marker: /Nothing to review|Skip/ },
  { path: "/o/acme/sync", from: "log", marker: /Connect Xero in Settings|Sync now/ },
  { path: "/o/acme/sync/health", from: "log", marker: /No health check yet|Run health check now/ },
];

test("a finance member's navigation request renders each Sync page (the request shape works)", async ({ page }) => {
  await signIn(page, "finance@acme.test");
  for (const p of SYNC_PAGES) {
    const res = await rsc(page, p.path, syncTree(p.from));
    expect(res.status, p.path).toBe(200);
    expect(res.body, p.path).toMatch(p.marker);
    expect(res.body, p.path).not.toContain("NEXT_HTTP_ERROR_FALLBACK");
  }
});

test("as sales, every Sync page and its navigation request answer 404 and carry none of the page", async ({ page }) => {
  await signIn(page, "sales@acme.test");
  for (const p of SYNC_PAGES) {
    expect((await page.request.get(p.path)).status(), p.path).toBe(404);
    const res = await rsc(page, p.path, syncTree(p.from));
    expectNotFound(res, p.path);
    expect(res.body, p.path).not.toMatch(p.marker);
  }
});

test("as a member who is no platform admin, /admin and its navigation request answer 404", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  expect((await page.request.get("/admin")).status()).toBe(404);
  const res = await rsc(page, "/admin", adminTree);
  expectNotFound(res, "/admin");
  expect(res.body).not.toContain("on this platform");
});

/** Sends headers declaring a huge body and a few bytes of it, and reads the status line of the answer. */
function slowBodyStatus(path: string, cookie = ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(3100, "localhost", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost:3100\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 99999999\r\n${cookie ? `Cookie: ${cookie}\r\n` : ""}\r\n--x\r\n`);
    });
    socket.setTimeout(15_000, () => {
      socket.destroy();
      reject(new Error(`no answer from ${path} in 15 s`));
    });
    socket.once("data", (chunk) => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString())?.[1]));
    });
    socket.once("error", reject);
  });
}

test("a declared 100 MB body is answered at once, unread (the body never ends): the tenant API and Xero's webhook route with 401, the job endpoint with 413", async () => {
  // The key is checked before the body is read; without the fix Next waited for the whole body first.
  expect(await slowBodyStatus("/api/v1/customers")).toBe(401);
  expect(await slowBodyStatus("/api/webhooks/xero")).toBe(401);
  expect(await slowBodyStatus("/api/inngest")).toBe(413);
});

test("a signed-in upload declaring more than 10 MB is refused at once with 413, unread", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  expect(await slowBodyStatus("/api/o/acme/imports", cookie)).toBe(413);
});
