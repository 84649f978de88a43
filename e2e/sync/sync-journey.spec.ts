import { expect, test, type Page } from "@playwright/test";
import { addSandboxOrganisation, connectSandboxOrganisation, SANDBOX_URL, signIn, signUp, uniqueEmail } from "../helpers";

// The portal under test runs the embedded default: its Xero is the sandbox started with it, whose
// webhooks are delivered to the portal. Each run adds a Xero organisation of its own to the sandbox.

test.describe.configure({ mode: "serial" });

let base = "";
let email = "";
let tenantId = "";
let booksName = "";

async function openSignedIn(page: Page) {
  await signIn(page, email, "correct-horse-42");
  await page.goto(base);
  await expect(page).toHaveURL(new RegExp(`${base}$`));
}

test("connect a Xero organisation and watch its customers and invoices arrive", async ({ page, request }) => {
  booksName = `Sync Books ${Date.now()}`;
  tenantId = await addSandboxOrganisation(request, booksName, "demo");

  email = uniqueEmail("sync");
  await signUp(page, { name: "Sid Sync", email, organizationName: `Sync Co ${Date.now()}` });
  base = new URL(page.url()).pathname;
  await connectSandboxOrganisation(page, base, booksName);

  // The first import runs by itself: the Xero customers become customers here, their invoices mirrored.
  await page.goto(`${base}/sync`);
  await expect(page.getByTestId("sync-health")).toHaveText("Healthy", { timeout: 30_000 });
  await expect(page.getByTestId("sync-row-invoices")).toContainText("Up to date");
  await page.goto(`${base}/customers`);
  await expect(page.getByRole("link", { name: "Golden Gate Yoga" })).toBeVisible();
  await page.getByRole("link", { name: "Golden Gate Yoga" }).click();
  await expect(page.getByTestId("customer-finance").getByRole("list", { name: "Invoices" })).toContainText("INV-");
});

test("drag a deal to Won and see its invoice with Xero's number; a part payment recorded here reaches Xero; the rest paid in Xero shows Paid within seconds", async ({ page, request }) => {
  await openSignedIn(page);
  await page.goto(`${base}/products/new`);
  await page.getByLabel("Code", { exact: true }).fill("CONSULTING");
  await page.getByLabel("Name", { exact: true }).fill("Consulting hour");
  await page.getByLabel("Unit price").fill("150");
  await page.getByLabel("Xero item code").fill("CONSULT");
  await page.getByLabel("Sales account code").fill("200");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("product-row-CONSULTING")).toBeVisible();

  await page.goto(`${base}/deals/new`);
  await page.getByLabel("Title").fill("Yoga studio booking system");
  await page.getByLabel("Customer").selectOption({ label: "Golden Gate Yoga" });
  await page.getByRole("button", { name: "Add line" }).click();
  await page.getByLabel("Line 1 product").selectOption({ label: "CONSULTING · Consulting hour" });
  await page.getByLabel("Line 1 quantity").fill("10");
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Yoga studio booking system" })).toBeVisible();
  const dealUrl = page.url();

  await page.goto(`${base}/deals`);
  await page.getByTestId("deal-card-Yoga studio booking system").dragTo(page.getByTestId("stage-Won"));
  await expect(page.getByRole("status").filter({ hasText: "Won" })).toBeVisible();
  await page.goto(dealUrl);
  const panel = page.getByTestId("deal-invoice");
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("invoice-number")).toHaveText(/^INV-\d+$/, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const number = (await panel.getByTestId("invoice-number").textContent())!;
  await expect(panel.getByTestId("invoice-status")).toHaveText("Draft");

  // The accountant approves it in Xero: the webhook brings it back, and finance can record a payment.
  expect((await request.post(`${SANDBOX_URL}/__sandbox/api/orgs/${tenantId}/invoices/${number}/approve`, { data: {} })).ok()).toBe(true);
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("invoice-status")).toHaveText("Approved", { timeout: 500 });
  }).toPass({ timeout: 10_000 });

  // A part payment recorded here reaches Xero into the chosen bank account; the balance follows at once.
  const paymentsInXero = async () => ((await (await request.get(`${SANDBOX_URL}/__sandbox/api/state`)).json()) as { organisations: { tenantId: string; payments: number }[] }).organisations.find((o) => o.tenantId === tenantId)!.payments;
  const before = await paymentsInXero();
  await panel.getByRole("button", { name: "Record a payment" }).click();
  const form = panel.getByRole("form", { name: "Record a payment" });
  await form.getByLabel("Amount (USD)").fill("500");
  await form.getByLabel("Into bank account").selectOption({ label: "090 · Business Bank Account" });
  await form.getByLabel("Reference (optional)").fill("Wire 7731");
  await form.getByRole("button", { name: "Record payment in Xero" }).click();
  await expect(panel.getByRole("status")).toContainText("Payment of 500.00 recorded in Xero (090");
  await expect(panel.getByTestId("invoice-status")).toHaveText("Part paid");
  await expect(panel).toContainText("due $1,000.00");
  expect(await paymentsInXero()).toBe(before + 1);

  // The rest is paid in Xero: the webhook brings it back.
  expect((await request.post(`${SANDBOX_URL}/__sandbox/api/orgs/${tenantId}/invoices/${number}/payment`, { data: {} })).ok()).toBe(true);
  const paidBy = Date.now() + 10_000;
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("invoice-status")).toHaveText("Paid", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  expect(Date.now()).toBeLessThan(paidBy);
});

test("a failed record says what to fix; after the fix, Retry sends it", async ({ page }) => {
  await openSignedIn(page);
  await page.goto(`${base}/products/new`);
  await page.getByLabel("Code", { exact: true }).fill("WRONG-ACCT");
  await page.getByLabel("Name", { exact: true }).fill("Workshop");
  await page.getByLabel("Unit price").fill("800");
  await page.getByLabel("Sales account code").fill("999");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("product-row-WRONG-ACCT")).toBeVisible();

  await page.goto(`${base}/deals/new`);
  await page.getByLabel("Title").fill("Workshop for the studio");
  await page.getByLabel("Customer").selectOption({ label: "Golden Gate Yoga" });
  await page.getByLabel("Stage").selectOption({ label: "Won" });
  await page.getByRole("button", { name: "Add line" }).click();
  await page.getByLabel("Line 1 product").selectOption({ label: "WRONG-ACCT · Workshop" });
  await page.getByLabel("Line 1 quantity").fill("1");
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Workshop for the studio" })).toBeVisible();
  const dealUrl = page.url();

  await expect(async () => {
    await page.goto(`${base}/sync/errors`);
    await expect(page.getByTestId("sync-error").filter({ hasText: "Workshop for the studio" })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  const error = page.getByTestId("sync-error").filter({ hasText: "Workshop for the studio" });
  await expect(error).toContainText("Invalid account code");
  await expect(error).toContainText("Account code '999' is not valid for this document");

  await page.goto(`${base}/products`);
  await page.getByTestId("product-row-WRONG-ACCT").getByRole("link").first().click();
  await page.getByLabel("Sales account code").fill("200");
  await page.getByRole("button", { name: /Save/ }).click();

  await page.goto(`${base}/sync/errors`);
  await page.getByTestId("sync-error").filter({ hasText: "Workshop for the studio" }).getByRole("button", { name: "Retry" }).click();
  // Queued again, the record leaves the error log.
  await expect(page.getByTestId("sync-error").filter({ hasText: "Workshop for the studio" })).toHaveCount(0);
  await page.goto(dealUrl);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("deal-invoice").getByTestId("invoice-number")).toHaveText(/^INV-\d+$/, { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.goto(`${base}/sync/log`);
  await expect(page.getByTestId("sync-log-row").first()).toBeVisible();
});

test("a quote from a deal, accepted by the customer in Xero, wins the deal and invoices the quote's total", async ({ page, request }) => {
  await openSignedIn(page);
  await page.goto(`${base}/deals/new`);
  await page.getByLabel("Title").fill("Studio retreat package");
  await page.getByLabel("Customer").selectOption({ label: "Golden Gate Yoga" });
  await page.getByRole("button", { name: "Add line" }).click();
  await page.getByLabel("Line 1 product").selectOption({ label: "CONSULTING · Consulting hour" });
  await page.getByLabel("Line 1 quantity").fill("4");
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Studio retreat package" })).toBeVisible();

  const quote = page.getByTestId("deal-quote");
  await quote.getByRole("button", { name: "Create quote" }).click();
  // Sent at once: the panel shows Xero's number and status (the button gives way to the quote).
  await expect(quote.getByTestId("quote-status")).toHaveText("Sent");
  await expect(quote.getByTestId("quote-number")).toHaveText(/^QU-\d+$/);
  await expect(quote).toContainText("$600.00");
  const number = (await quote.getByTestId("quote-number").textContent())!;

  // The customer accepts it on Xero's side; Xero sends no webhook, the portal asks.
  expect((await request.post(`${SANDBOX_URL}/__sandbox/api/orgs/${tenantId}/quotes/${number}/accept`, { data: {} })).ok()).toBe(true);
  await quote.getByRole("button", { name: "Check for an answer now" }).click();
  await expect(quote.getByRole("status")).toContainText("Accepted in Xero: the deal is won");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("deal-invoice").getByTestId("invoice-number")).toHaveText(/^INV-\d+$/, { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("deal-invoice")).toContainText("Total $600.00");
  await expect(page.getByText("Won", { exact: true }).first()).toBeVisible();
});

test("a subscription becomes a repeating invoice in Xero, and its run's invoice appears on the customer page", async ({ page, request }) => {
  await openSignedIn(page);
  await page.goto(`${base}/customers`);
  await page.getByRole("link", { name: "Golden Gate Yoga" }).click();
  await expect(page.getByRole("heading", { name: "Golden Gate Yoga", exact: true })).toBeVisible();
  const customerUrl = page.url();
  await page.getByRole("link", { name: "New subscription" }).click();
  await page.getByLabel("Interval").selectOption("monthly");
  await page.getByLabel("Start").fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Line 1 product").selectOption({ label: "CONSULTING · Consulting hour" });
  await page.getByLabel("Line 1 quantity").fill("3");
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByRole("heading", { name: "Golden Gate Yoga", exact: true })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/repeating invoice in Xero, next run/)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });

  // Xero runs it on its schedule: the invoice it makes arrives by webhook, linked to the customer.
  const run = (await (await request.post(`${SANDBOX_URL}/__sandbox/api/repeating-invoices/run`, { data: {} })).json()) as { created: string[] };
  expect(run.created.length).toBeGreaterThanOrEqual(1);
  await page.goto(customerUrl);
  const invoices = page.getByTestId("customer-finance").getByRole("list", { name: "Invoices" });
  await expect(async () => {
    await page.reload();
    await expect(invoices.getByRole("listitem").filter({ hasText: "subscription" }).filter({ hasText: "$450.00" })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
});

test("a tracked product shows its stock on the deal form; the approved invoice lowers it and the low-stock notice arrives", async ({ page, request }) => {
  await openSignedIn(page);
  // The demo books track WIDGET: 120 on hand.
  await page.goto(`${base}/products/new`);
  await page.getByLabel("Code", { exact: true }).fill("WIDGET");
  await page.getByLabel("Name", { exact: true }).fill("Smart widget");
  await page.getByLabel("Unit price").fill("49");
  await page.getByLabel("Sales account code").fill("200");
  await page.getByLabel("Low-stock threshold").fill("118");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByTestId("product-row-WIDGET")).toBeVisible();

  await expect(async () => {
    await page.goto(`${base}/deals/new`);
    await page.getByRole("button", { name: "Add line" }).click();
    await page.getByLabel("Line 1 product").selectOption({ label: "WIDGET · Smart widget" });
    await expect(page.getByTestId("line-1-stock")).toHaveText("120 in stock", { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.getByLabel("Line 1 quantity").fill("500");
  await expect(page.getByTestId("line-1-stock")).toHaveText("Only 120 in stock");
  await page.getByLabel("Line 1 quantity").fill("3");
  await expect(page.getByTestId("line-1-stock")).toHaveText("120 in stock");
  await page.getByLabel("Title").fill("Widgets for the studio");
  await page.getByLabel("Customer").selectOption({ label: "Golden Gate Yoga" });
  await page.getByLabel("Stage").selectOption({ label: "Won" });
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Widgets for the studio" })).toBeVisible();
  const panel = page.getByTestId("deal-invoice");
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("invoice-number")).toHaveText(/^INV-\d+$/, { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  const number = (await panel.getByTestId("invoice-number").textContent())!;

  // Finance approves it in Xero: stock falls to 117, below 118.
  expect((await request.post(`${SANDBOX_URL}/__sandbox/api/orgs/${tenantId}/invoices/${number}/approve`, { data: {} })).ok()).toBe(true);
  await expect(async () => {
    await page.goto(`${base}/notifications`);
    await expect(page.getByText("Low stock: Smart widget (WIDGET) has 117 left")).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.goto(`${base}/products`);
  await page.getByTestId("product-row-WIDGET").getByRole("link").first().click();
  await expect(page.getByText("Stock on hand in Xero: 117 (low below 118)")).toBeVisible();
});

test("an invoice sent by Ledgerbridge arrives in the mailbox; its link opens Xero's online invoice and the portal shows Viewed", async ({ page, browser }) => {
  await openSignedIn(page);
  await page.goto(`${base}/settings/invoicing`);
  await page.getByLabel("Create invoices as").selectOption("AUTHORISED");
  await page.getByLabel(/Send invoices by Ledgerbridge/).check();
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page.getByRole("status")).toContainText("Invoicing settings saved");

  await page.goto(`${base}/deals/new`);
  await page.getByLabel("Title").fill("Tracked studio invoice");
  await page.getByLabel("Customer").selectOption({ label: "Golden Gate Yoga" });
  await page.getByLabel("Stage").selectOption({ label: "Won" });
  await page.getByRole("button", { name: "Add line" }).click();
  await page.getByLabel("Line 1 product").selectOption({ label: "CONSULTING · Consulting hour" });
  await page.getByLabel("Line 1 quantity").fill("2");
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Tracked studio invoice" })).toBeVisible();
  const panel = page.getByTestId("deal-invoice");
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("invoice-status")).toHaveText("Sent", { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  const number = (await panel.getByTestId("invoice-number").textContent())!;

  // The dev mailbox shows each person their own mail; the platform admin sees the customer's.
  const admin = await browser.newPage();
  await signIn(admin, "admin@ledgerbridge.test");
  await admin.goto("/dev/mailbox");
  const mail = admin.getByTestId("dev-mail").filter({ hasText: `Invoice ${number}` }).first();
  await expect(mail).toContainText("hello@goldengateyoga.example");
  const link = /https?:\/\/[^\s]+\/i\/[A-Za-z0-9_-]+/.exec((await mail.textContent())!)![0];
  await admin.close();

  // The customer opens it (no session): Xero's online invoice.
  const customer = await browser.newPage();
  await customer.goto(link);
  await expect(customer).toHaveURL(/\/__sandbox\/online-invoice\//);
  await customer.close();
  await page.reload();
  await expect(panel.getByTestId("invoice-status")).toHaveText("Viewed");
});
