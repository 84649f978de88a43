import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "ledgerbridge-demo-1";

/** Fills and submits the sign-in form; does not wait for the outcome. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signUp(page: Page, { name, email, organizationName }: { name: string; email: string; organizationName: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-42");
  await page.getByLabel("Organisation name").fill(organizationName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
}

/** The Xero sandbox started with the portal under test (its webhooks are delivered to the portal). */
export const SANDBOX_URL = `http://127.0.0.1:${process.env.E2E_XERO_SANDBOX_PORT ?? "4110"}`;

/** Adds a Xero organisation of its own to the sandbox, so one journey's books do not meet another's. */
export async function addSandboxOrganisation(request: APIRequestContext, name: string, seed: "demo" | "empty"): Promise<string> {
  const made = await request.post(`${SANDBOX_URL}/__sandbox/api/orgs`, { data: { name, seed, country: "US" } });
  expect(made.ok()).toBe(true);
  return (await made.json()).tenantId as string;
}

/** Connects the signed-in organisation (its portal path is `base`) to that sandbox organisation alone. */
export async function connectSandboxOrganisation(page: Page, base: string, booksName: string) {
  await page.goto(`${base}/settings/integrations`);
  await page.getByRole("button", { name: "Connect Xero" }).click();
  await page.getByRole("checkbox", { name: /Demo Company \(US\)/ }).uncheck();
  await page.getByRole("checkbox", { name: new RegExp(booksName) }).check();
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page.getByTestId("xero-card")).toContainText(booksName);
}
