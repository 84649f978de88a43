import { expect, test } from "@playwright/test";
import { signIn } from "../helpers";

test("the platform admin reaches /admin", async ({ page }) => {
  await signIn(page, "admin@ledgerbridge.test");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  await expect(page.getByText(/organisations? on this platform/)).toBeVisible();
});
