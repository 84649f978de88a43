import { expect, test } from "@playwright/test";
import { signIn, signUp, submitSignIn, uniqueEmail } from "../helpers";

test("every page carries a nonce CSP and the security headers, and renders without a CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const signInPage = await page.goto("/sign-in");
  const csp = signInPage!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(signInPage!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(signInPage!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await signIn(page, "owner@acme.test");
  for (const path of ["/account", "/o/acme/customers", "/o/acme/deals", "/o/acme/products", "/o/acme/settings/integrations", "/o/acme"]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(200);
    // The nonce changes on every request.
    expect(res!.headers()["content-security-policy"]).not.toBe(csp);
  }
  // Client components still work under the policy: the user menu opens.
  await page.getByRole("button", { name: "User menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  expect(violations).toEqual([]);
  const api = await page.request.get("/api/v1/customers");
  expect(api.status()).toBe(401);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a callback URL with a tab after the first slash stays on our site; a newline is not a 500", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=%2F%09%2Fevil.com");
  await page.getByLabel("Email").fill("finance@acme.test");
  await page.getByLabel("Password").fill("ledgerbridge-demo-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  const newline = await page.request.get("/sign-in?callbackUrl=%2F%0A%2Fevil.com");
  expect(newline.status()).toBeLessThan(500);
});

test("an old session cookie stops working after sign-out", async ({ page, browser }) => {
  await signIn(page, "sales@acme.test");
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Someone who copied the cookie before sign-out replays it.
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const replay = await thief.newPage();
  await replay.goto("/o/acme");
  await expect(replay).toHaveURL(/\/sign-in/);
  await thief.close();
});

test("a password change signs out the other browser", async ({ page, browser }) => {
  const email = uniqueEmail("pw");
  await signUp(page, { name: "Pat Password", email, organizationName: `Password Co ${Date.now()}` });
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, "correct-horse-42");
  await page.goto("/account");
  await page.getByLabel("Current password").fill("correct-horse-42");
  await page.getByLabel("New password", { exact: true }).fill("new-horse-43x");
  await page.getByLabel("New password again").fill("new-horse-43x");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("1 other session was signed out");
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await other.close();
});

test("changing X-Forwarded-For on every try does not get around the sign-in lockout", async ({ page, browser }) => {
  const email = uniqueEmail("lock");
  await signUp(page, { name: "Lou Lockout", email, organizationName: `Lockout Co ${Date.now()}` });
  const attacker = await browser.newContext();
  const tries = await attacker.newPage();
  for (let i = 0; i < 5; i++) {
    await tries.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${i + 1}` });
    await submitSignIn(tries, email, `wrong-guess-${i}0`);
    await expect(tries.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  }
  await tries.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.99" });
  await submitSignIn(tries, email, "correct-horse-42");
  await expect(tries.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  await attacker.close();
});

test("the dev mailbox needs a sign-in; /api/inngest refuses an outside call", async ({ page }) => {
  await page.goto("/dev/mailbox");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdev%2Fmailbox/);
  const step = await page.request.post("/api/inngest?fnId=ledgerbridge-refresh-xero-connections&stepId=step", {
    data: { event: { name: "inngest/scheduled.timer", data: {} }, events: [], steps: {}, ctx: { run_id: "x", attempt: 0, stack: { stack: [], current: 0 } }, version: 2 },
  });
  expect(step.status()).toBe(401);
  expect((await page.request.get("/api/inngest")).status()).toBe(404);
});

test("list pages and links edited by hand never answer 5xx", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  const paths = [
    "/o/acme/customers?q=%00",
    "/o/acme/customers?leadSource=%00",
    "/o/acme/customers?sort=__proto__",
    "/o/acme/customers?sort=constructor&dir=sideways&page=-1&pageSize=1e9",
    "/o/acme/customers?ownerId=------------------------------------",
    "/o/acme/customers?q=a&q=b&leadSource=x&leadSource=y",
    "/o/acme/deals?view=table&sort=__proto__&stageId=%00",
    "/o/acme/deals?view=table&view=board&ownerId=x",
    "/o/acme/products?sort=toString&q=%00&mapping=missing&mapping=x",
    "/o/acme/customers/health/merge?ids=A&ids=B",
    "/o/acme/customers/health/merge?ids=%00,%00",
    "/o/acme/settings/integrations?xero=a&xero=b",
    "/o/acme/settings/integrations?xero_error=__proto__&choose=%00",
    "/o/acme/import?type=__proto__",
    "/o/acme/import/__proto__?retry=1&retry=2",
    "/o/acme/deals/new?customerId=%00",
    "/o/acme/customers/%00",
    "/o/acme/deals/constructor",
    "/o/%00/customers",
    "/o/__proto__",
    "/api/o/acme/exports/__proto__",
    "/api/o/acme/imports/%00",
    "/api/v1/__proto__",
    "/api/v1/constructor",
    "/api/v1/toString/123",
    "/sign-in?callbackUrl=%0D%0ASet-Cookie:x=1",
    "/api/xero/callback?state=%00&code=x",
  ];
  const failures: string[] = [];
  for (const path of paths) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    if (res.status() >= 500) failures.push(`${path} -> ${res.status()}`);
  }
  expect(failures).toEqual([]);
});
