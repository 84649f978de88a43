import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "../helpers";

test("sign up creates an organisation and lands in it as owner", async ({ page }) => {
  const organizationName = `Nimbus Studio ${Date.now()}`;
  await signUp(page, { name: "Nora Nimbus", email: uniqueEmail("nora"), organizationName });
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Switch organisation" })).toContainText(organizationName);
  await page.goto(page.url() + "/settings/members");
  await expect(page.getByLabel("Role of Nora Nimbus")).toHaveValue("owner");
});

test("sign up names the field to fix and keeps the user on the form", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Short Password");
  await page.getByLabel("Work email").fill(uniqueEmail("short"));
  await page.getByLabel("Password").fill("abc");
  await page.getByLabel("Organisation name").fill("Short Co");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#field-password-error")).toContainText("at least 10 characters");
  await expect(page).toHaveURL(/\/sign-up$/);
});
