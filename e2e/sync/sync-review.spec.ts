import { expect, test } from "@playwright/test";
import { addSandboxOrganisation, connectSandboxOrganisation, SANDBOX_URL, signUp, uniqueEmail } from "../helpers";

// Two Xero contacts share the email of one of our customers: the sync must not guess which one it
// is. A person decides in Sync -> Review, and the customer's push then updates the contact chosen.
test("an ambiguous match waits in Sync -> Review; Link merges it and its push updates that contact, no duplicate", async ({ page, request }) => {
  const booksName = `Review Books ${Date.now()}`;
  const tenantId = await addSandboxOrganisation(request, booksName, "empty");
  for (const contact of [
    { name: "Pair One", email: "pair@example.test", phone: "555 1111" },
    { name: "Pair Two", email: "pair@example.test" },
  ]) {
    expect((await request.post(`${SANDBOX_URL}/__sandbox/api/orgs/${tenantId}/contacts`, { data: contact })).ok()).toBe(true);
  }
  const contactsInXero = async () => ((await (await request.get(`${SANDBOX_URL}/__sandbox/api/state`)).json()).organisations as { tenantId: string; contacts: number }[]).find((o) => o.tenantId === tenantId)!.contacts;

  await signUp(page, { name: "Rey Review", email: uniqueEmail("review"), organizationName: `Review Co ${Date.now()}` });
  const base = new URL(page.url()).pathname;
  await page.goto(`${base}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Pair Holdings");
  await page.getByLabel("Email").fill("pair@example.test");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name: "Pair Holdings" })).toBeVisible();

  await connectSandboxOrganisation(page, base, booksName);

  // The import finds two candidates for one email: both wait, and the customer is not sent meanwhile.
  await expect(async () => {
    await page.goto(`${base}/sync/review`);
    await expect(page.getByTestId("sync-review")).toHaveCount(2, { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  const one = page.getByTestId("sync-review").filter({ hasText: "Pair One" });
  await expect(one).toContainText("Pair Holdings");
  await one.getByRole("button", { name: "Link" }).click();
  await expect(page.getByTestId("sync-review")).toHaveCount(1);
  // The other contact is someone else: it becomes a customer of its own.
  await page.getByTestId("sync-review").filter({ hasText: "Pair Two" }).getByRole("button", { name: "Create a new customer" }).click();
  await expect(page.getByRole("heading", { name: "Nothing to review" })).toBeVisible();

  // The link merged Xero's phone in, and the held push went out as an update of that same contact.
  await page.goto(`${base}/customers`);
  await expect(page.getByRole("link", { name: "Pair Two" })).toBeVisible();
  await page.getByRole("link", { name: "Pair Holdings" }).click();
  await expect(page.getByText("555 1111")).toBeVisible();
  await expect(async () => {
    await page.goto(`${base}/sync/log`);
    await expect(page.getByTestId("sync-log-row").filter({ hasText: "Pair Holdings" }).filter({ hasText: "To Xero" }).filter({ hasText: "update" })).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  expect(await contactsInXero()).toBe(2);
});
