import { expect, test } from "@playwright/test";
import { signIn, submitSignIn } from "../helpers";

test("the demo sales user signs in and lands in Acme Agency", async ({ page }) => {
  await signIn(page, "sales@acme.test");
  await expect(page).toHaveURL(/\/o\/acme$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Switch organisation" })).toContainText("Acme Agency");
});

test("a wrong password shows an error and does not sign in", async ({ page, context }) => {
  await submitSignIn(page, "finance@acme.test", "not-the-password-1");
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
  await page.goto("/o/acme");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fo%2Facme/);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/o\/acme$/);
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/o/acme/settings");
  await expect(page).toHaveURL(/\/sign-in/);
});
