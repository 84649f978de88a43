import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "../helpers";

test("a member of one organisation gets 404 for another organisation's URL", async ({ page }) => {
  await signUp(page, { name: "Ivan Outsider", email: uniqueEmail("ivan"), organizationName: `Outsider ${Date.now()}` });
  for (const path of ["/o/acme", "/o/acme/settings/members", "/o/does-not-exist"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Acme Agency")).toHaveCount(0);
  }
});

test("a tenant member who is not a platform admin gets 404 on /admin", async ({ page }) => {
  await signUp(page, { name: "Nadia Notadmin", email: uniqueEmail("nadia"), organizationName: `Not Admin ${Date.now()}` });
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
});
