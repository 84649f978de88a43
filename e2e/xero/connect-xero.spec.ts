import { expect, test } from "@playwright/test";
import { SANDBOX_URL, signIn } from "../helpers";

// The portal under test runs the embedded default, so its Xero is the sandbox started with it.

test.describe.configure({ mode: "serial" });

test("cancelling at Xero comes back as a readable message", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/settings/integrations");
  await page.getByRole("button", { name: "Connect Xero" }).click();
  await expect(page.getByRole("heading", { name: /wants to access your Xero organisation/ })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You cancelled the connection at Xero" })).toBeVisible();
  await expect(page.getByTestId("xero-card")).toContainText("Not connected");
});

test("owner connects Xero on the consent page; a revoked app raises the banner; re-authorising reconnects", async ({ page, request }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/settings/integrations");
  await page.getByRole("button", { name: "Connect Xero" }).click();
  await expect(page.getByLabel("Demo Company (US)")).toBeChecked();
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).toHaveURL(/\/o\/acme\/settings\/integrations\?xero=connected/);
  const card = page.getByTestId("xero-card");
  await expect(card).toContainText("Connected");
  await expect(card).toContainText("Demo Company (US)");
  await expect(card).toContainText("Olivia Owner");
  await expect(card).toContainText("required permissions granted");

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Xero answered for Demo Company (US)" })).toBeVisible();

  // The accountant removes Ledgerbridge inside Xero.
  const revoked = await request.post(`${SANDBOX_URL}/__sandbox/api/apps/ledgerbridge-sandbox/revoke`, { data: {} });
  expect(revoked.ok()).toBe(true);
  // Test connection answers from its last result for a minute, so the sync is what meets the revoked token.
  await page.goto("/o/acme/sync");
  await page.getByRole("button", { name: "Sync now" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "Xero needs to be re-authorised" });
  await expect(async () => {
    await page.goto("/o/acme");
    await expect(banner).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.goto("/o/acme/notifications");
  await expect(page.getByText("Xero needs to be re-authorised").first()).toBeVisible();

  await page.goto("/o/acme/settings/integrations");
  await page.getByRole("button", { name: "Re-authorise" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page.getByTestId("xero-card")).toContainText("Connected");
  await page.goto("/o/acme");
  await expect(page.getByRole("alert").filter({ hasText: "Xero needs to be re-authorised" })).toHaveCount(0);
});

test("a sales member sees the status but cannot connect", async ({ page }) => {
  await signIn(page, "sales@acme.test");
  await page.goto("/o/acme/settings/integrations");
  await expect(page.getByText("Only owners and admins can connect, re-authorise or disconnect Xero.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Connect|Re-authorise|Disconnect/ })).toHaveCount(0);
});

test("the owner disconnects after confirming; the data stays and no banner nags", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/settings/integrations");
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("button", { name: "Disconnect Xero" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Xero is disconnected. Everything synced so far is kept." })).toBeVisible();
  await expect(page.getByTestId("xero-card")).toContainText("Disconnected");
  await expect(page.getByRole("button", { name: "Connect again" })).toBeVisible();
  await page.goto("/o/acme");
  await expect(page.getByRole("alert").filter({ hasText: "Xero was disconnected" })).toHaveCount(0);
});
