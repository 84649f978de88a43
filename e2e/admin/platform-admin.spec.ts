import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { addSandboxOrganisation, connectSandboxOrganisation, SANDBOX_URL, signIn, signUp, uniqueEmail } from "../helpers";

test("the platform admin finds the failing tenant, sees the cause and its fix, retries once it is fixed and sees it healthy; the bundle downloads; an owner gets 404", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  // A tenant whose Xero organisation has reached its plan's contact limit: its new customer fails to sync.
  const booksName = `Limited Books ${Date.now()}`;
  const tenantId = await addSandboxOrganisation(request, booksName, "empty");
  const orgName = `Limited Co ${Date.now()}`;
  await signUp(page, { name: "Olive Owner", email: uniqueEmail("limited"), organizationName: orgName });
  const base = new URL(page.url()).pathname;
  await connectSandboxOrganisation(page, base, booksName);
  await page.goto(`${base}/sync`);
  await expect(page.getByTestId("sync-health")).toHaveText("Healthy", { timeout: 30_000 });
  expect((await request.post(`${SANDBOX_URL}/__sandbox/api/orgs/${tenantId}/contact-limit`, { data: { limit: 0 } })).ok()).toBe(true);
  await page.goto(`${base}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Over The Limit Ltd");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name: "Over The Limit Ltd" })).toBeVisible();
  await expect(async () => {
    await page.goto(`${base}/sync`);
    await expect(page.getByText(/· 1 failed/)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  // The tenant's owner is no platform admin: /admin does not exist for them.
  expect((await page.request.get("/admin")).status()).toBe(404);
  expect((await page.request.get("/admin/tokens")).status()).toBe(404);

  const admin = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(admin, "admin@ledgerbridge.test");
  await admin.goto("/admin");
  // Xero answers, but refuses the record: the tenant is degraded (some records failing, the rest flowing).
  await admin.getByRole("link", { name: "Degraded" }).click();
  const row = admin.getByTestId("admin-tenant-row").filter({ hasText: orgName });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("admin-health")).toHaveText("Degraded");
  await expect(row).toContainText("1");
  await row.getByRole("link", { name: orgName }).click();

  // The cause, in the guide's words and ours, on the record.
  await expect(admin.getByRole("heading", { name: orgName })).toBeVisible();
  const group = admin.getByTestId("cause-group").filter({ hasText: "Contact limit reached" });
  await expect(group).toContainText("archives unused contacts in Xero or upgrades the Xero plan");
  await expect(group.getByTestId("sync-error")).toContainText("Over The Limit Ltd");
  await expect(admin.getByTestId("what-is-wrong")).toContainText("Some records fail");
  await expect(admin.getByTestId("reauth-link")).toContainText(`${base}/settings/integrations`);

  // The escalation bundle: ids, errors, requests with correlation ids; no token.
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("bundle-link").click()]);
  expect(download.suggestedFilename()).toMatch(/^escalation-.+\.json$/);
  const bundle = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(bundle).toMatchObject({ xero_tenant_id: tenantId, failed_syncs: 1 });
  expect(bundle.xero_requests.length).toBeGreaterThan(0);
  expect(bundle.xero_requests.some((r: { correlation_id: string | null }) => r.correlation_id)).toBe(true);

  // The customer upgrades their Xero plan; the admin retries and the tenant is healthy.
  expect((await request.post(`${SANDBOX_URL}/__sandbox/api/orgs/${tenantId}/contact-limit`, { data: { limit: null } })).ok()).toBe(true);
  await group.getByRole("button", { name: "Retry all 1" }).click();
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByTestId("admin-health").first()).toHaveText("Healthy");
  }).toPass({ timeout: 30_000 });
  await expect(admin.getByText("No failed record.")).toBeVisible();
  await expect(admin.getByTestId("audit-row").filter({ hasText: "page retry" })).toBeVisible();
});

test("the platform admin makes an admin API token, uses it, and revokes it", async ({ page }) => {
  await signIn(page, "admin@ledgerbridge.test");
  await page.goto("/admin/tokens");
  await page.getByLabel("What the token is for").fill(`e2e ${Date.now()}`);
  await page.getByRole("button", { name: "Make token" }).click();
  const token = (await page.getByTestId("new-admin-token").textContent())!.trim();
  expect(token).toMatch(/^lba_/);
  const health = await page.request.get("/api/admin/xero/health", { headers: { authorization: `Bearer ${token}` } });
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: expect.stringMatching(/^(ok|degraded|outage)$/), window_minutes: 15 });
  await page.reload();
  const row = page.getByTestId("admin-token-row").filter({ hasText: token.slice(0, 12) });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("revoked");
  expect((await page.request.get("/api/admin/xero/health", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
  await page.goto("/admin/api-docs");
  await expect(page.getByTestId("api-operation").filter({ hasText: "/api/admin/integrations/xero/{organization_id}/status" })).toBeVisible();
});
