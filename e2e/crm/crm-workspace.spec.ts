import { expect, test, type Page } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "../helpers";

async function newOrg(page: Page, name: string): Promise<string> {
  await signUp(page, { name: "Casey CRM", email: uniqueEmail("crm"), organizationName: `${name} ${Date.now()}` });
  return new URL(page.url()).pathname; // /o/<slug>
}

test("create a product, a customer and a deal with lines, then drag the deal to Won", async ({ page }) => {
  const base = await newOrg(page, "Board Co");
  await page.goto(`${base}/products/new`);
  await page.getByLabel("Code", { exact: true }).fill("WORKSHOP");
  await page.getByLabel("Name", { exact: true }).fill("Workshop day");
  await page.getByLabel("Unit price").fill("950");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("product-row-WORKSHOP")).toContainText("$950.00");

  await page.goto(`${base}/customers/new`);
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.locator("#field-name-error")).toHaveText("Name is required.");
  await page.getByLabel("Name", { exact: true }).fill("Vandelay Industries");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Country").fill("US");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.locator("#field-email-error")).toContainText("Enter a valid email address");
  // Nothing typed is lost when the server answers with errors.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Vandelay Industries");
  await page.getByLabel("Email").fill("ap@vandelay.test");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name: "Vandelay Industries" })).toBeVisible();

  await page.getByRole("link", { name: "New deal" }).click();
  await page.getByLabel("Title").fill("Latex workshop");
  await page.getByRole("button", { name: "Add line" }).click();
  await page.getByLabel("Line 1 product").selectOption({ label: "WORKSHOP · Workshop day" });
  await page.getByLabel("Line 1 quantity").fill("3");
  await page.getByLabel("Line 1 discount %").fill("10");
  await expect(page.getByText("Total $2,565.00")).toBeVisible();
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Latex workshop" })).toBeVisible();
  await expect(page.getByText("Vandelay Industries · $2,565.00")).toBeVisible();

  await page.goto(`${base}/deals`);
  const card = page.getByTestId("deal-card-Latex workshop");
  await expect(page.getByTestId("stage-Lead")).toContainText("Latex workshop");
  await card.dragTo(page.getByTestId("stage-Won"));
  await expect(page.getByRole("status").filter({ hasText: "Won: queued for invoicing" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("stage-Won")).toContainText("Latex workshop");
  await expect(page.getByTestId("stage-Lead")).not.toContainText("Latex workshop");
});

test("import customers from a CSV with errors, download the rejected rows, fix them, and merge the duplicates", async ({ page }) => {
  const base = await newOrg(page, "Import Co");
  const csv = ["Company Name,Email Address,Country,Lead Source", "Acme Ltd,ap@acme.test,GB,Referral", "ACME Limited,billing@acme.test,GB,Website", "Bad Row Co,nope,United Kingdom,Event", "Wayne Enterprises,bruce@wayne.test,US,Referral"].join("\n");
  await page.goto(`${base}/import?type=customers`);
  await page.getByLabel(/CSV file/).setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByTestId("import-preview-summary")).toContainText("3 of 4 rows are ready");
  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("email");
  await expect(problems).toContainText("Use the two-letter country code");

  await page.getByLabel(/Only the valid rows/).check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported: 3 created, 0 updated, 1 row(s) held back.");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the 1 rejected row/ }).click();
  const rejected = await (await download).createReadStream();
  let text = "";
  for await (const chunk of rejected) text += chunk;
  expect(text).toContain("Bad Row Co,nope,United Kingdom,Event");
  expect(text).toContain("Import problem");

  // The user fixes the rejected rows and imports them.
  const fixed = text.replace("nope", "ap@badrow.test").replace("United Kingdom", "GB");
  await page.goto(`${base}/import?type=customers`);
  await page.getByLabel(/CSV file/).setInputFiles({ name: "fixed.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByTestId("import-preview-summary")).toContainText("1 of 1 rows are ready");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported: 1 created");
  await page.goto(`${base}/customers`);
  await expect(page.getByTestId("customer-row-Bad Row Co")).toBeVisible();

  await page.goto(`${base}/customers/health`);
  await page.getByRole("link", { name: "Review and merge" }).click();
  await page.getByLabel("Keep Acme Ltd").check();
  await page.getByLabel("Lead source from ACME Limited").check();
  await page.getByRole("button", { name: "Merge 2 customers" }).click();
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Acme Ltd" })).toBeVisible();
  await expect(page.getByText("from Website")).toBeVisible();
  await expect(page.getByText('Merged "ACME Limited" into this customer')).toBeVisible();
  await page.goto(`${base}/customers/health`);
  await expect(page.getByText("Possible duplicate customers (0)")).toBeVisible();
});

test("a sales member sees the demo pipeline without amounts and cannot open product editing", async ({ page }) => {
  await signIn(page, "sales@acme.test");
  await page.goto("/o/acme/deals");
  const card = page.getByTestId("deal-card-Northwind website refresh");
  await expect(card).toBeVisible();
  await expect(page.getByTestId("stage-Proposal")).not.toContainText("$");
  // Sam owns the Northwind deal (can move it) but not Globex's (no move control).
  await expect(card.getByLabel("Move Northwind website refresh to")).toBeVisible();
  await expect(page.getByTestId("deal-card-Globex brand sprint").getByRole("combobox")).toHaveCount(0);
  await page.goto("/o/acme/products");
  await expect(page.getByTestId("product-row-DESIGN-DAY")).toContainText("—");
  // Exports leave amounts out for them too.
  const exported = await page.request.get("/api/o/acme/exports/deals");
  expect(exported.headers()["content-disposition"]).toContain("acme-deals.csv");
  const csv = await exported.text();
  expect(csv).toContain("Northwind website refresh,Northwind Traders,Proposal,,USD");
  expect(csv).not.toMatch(/\d{3,}\.00/);
  const res = await page.goto("/o/acme/products/new");
  expect(res?.status()).toBe(404);
});

test("an owner creates a subscription in the portal, then pauses it", async ({ page }) => {
  const base = await newOrg(page, "Subs Co");
  await page.goto(`${base}/products/new`);
  await page.getByLabel("Code", { exact: true }).fill("RETAINER");
  await page.getByLabel("Name", { exact: true }).fill("Monthly retainer");
  await page.getByLabel("Unit price").fill("1200");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("product-row-RETAINER")).toBeVisible();
  await page.goto(`${base}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Kramerica");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name: "Kramerica" })).toBeVisible();

  await page.getByRole("link", { name: "New subscription" }).click();
  await page.getByLabel("Interval").selectOption("monthly");
  await page.getByLabel("Start").fill("2026-01-15");
  // The form opens with one empty line.
  await page.getByLabel("Line 1 product").selectOption({ label: "RETAINER · Monthly retainer" });
  await page.getByLabel("Line 1 quantity").fill("1");
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByRole("heading", { name: "Kramerica" })).toBeVisible();
  const sub = page.getByRole("link", { name: /Monthly from 2026-01-15/ });
  await expect(sub).toBeVisible();
  await expect(page.getByText("$1,200.00")).toBeVisible();

  await sub.click();
  await page.getByLabel("Status").selectOption("paused");
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByRole("heading", { name: "Kramerica" })).toBeVisible();
  await expect(page.getByText(/^paused/)).toBeVisible();
});
