import { expect, test } from "@playwright/test";
import { addSandboxOrganisation, connectSandboxOrganisation, signUp, uniqueEmail } from "../helpers";

// The accountant billed a won deal by hand in Xero: from the leakage report the deal is linked to
// that invoice instead of getting a second one, and the row then judges the linked invoice.

test("a won deal billed by hand in Xero is linked to that invoice from the leakage report", async ({ page, request }) => {
  test.setTimeout(120_000);
  const booksName = `Linked Books ${Date.now()}`;
  await addSandboxOrganisation(request, booksName, "demo");
  await signUp(page, { name: "Lin Linker", email: uniqueEmail("link"), organizationName: `Link Co ${Date.now()}` });
  const base = new URL(page.url()).pathname;
  await connectSandboxOrganisation(page, base, booksName);
  await page.goto(`${base}/sync`);
  await expect(page.getByTestId("sync-health")).toHaveText("Healthy", { timeout: 30_000 });

  await page.goto(`${base}/settings/invoicing`);
  await page.getByLabel("Create the Xero invoice as soon as a deal is won").uncheck();
  await page.getByRole("button", { name: "Save invoicing settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();

  await page.goto(`${base}/products/new`);
  await page.getByLabel("Code", { exact: true }).fill("HAND");
  await page.getByLabel("Name", { exact: true }).fill("Hand-billed work");
  await page.getByLabel("Unit price").fill("100");
  await page.getByLabel("Sales account code").fill("200");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("product-row-HAND")).toBeVisible();

  await page.goto(`${base}/deals/new`);
  await page.getByLabel("Title").fill("Billed by hand");
  await page.getByLabel("Customer").selectOption({ label: "Golden Gate Yoga" });
  await page.getByLabel("Stage").selectOption({ label: "Won" });
  await page.getByRole("button", { name: "Add line" }).click();
  await page.getByLabel("Line 1 product").selectOption({ label: "HAND · Hand-billed work" });
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Billed by hand" })).toBeVisible();

  await page.goto(`${base}/reports/leakage`);
  const row = page.getByTestId("leakage-row").filter({ hasText: "Billed by hand" });
  await expect(row).toContainText("No invoice");
  const picker = row.getByLabel("Xero invoice to link");
  // The customer's own invoices from the demo books, none claimed by a deal yet.
  const first = (await picker.locator("option").nth(1).textContent())!;
  expect(first).toMatch(/^INV-\d+ · \d{4}-\d{2}-\d{2} · \$[\d,]+\.\d{2} · (authorised|paid|draft|submitted)$/);
  await picker.selectOption({ index: 1 });
  await row.getByRole("button", { name: "Link" }).click();

  // Now the deal's invoice is that one: the row leaves "No invoice" and judges the linked invoice:
  // the demo invoice's total is not the deal's $100.00 (or, by chance, it is and the row goes).
  const [number, , total] = first.split(" · ");
  // The link form leaves with the "No invoice" row (the page revalidates), so the row is read again.
  await expect(page.getByTestId("leakage-row").filter({ hasText: "No invoice" })).toHaveCount(0);
  await page.reload();
  const linked = page.getByTestId("leakage-row").filter({ hasText: "Billed by hand" });
  if (total === "$100.00") await expect(linked).toHaveCount(0);
  else {
    await expect(linked).toContainText("Amount differs");
    await expect(linked).toContainText(number);
  }
});
