import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "../helpers";

test("an owner creates an API key once-shown; the API serves the organisation's data over HTTP and 404s another's", async ({ page, request, browser }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/settings/api-keys");
  await page.getByLabel("Name").fill("HubSpot sync");
  await page.getByLabel("Scope").selectOption("write");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^lb_/);
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.getByTestId("api-key-HubSpot sync")).toContainText("write");

  const auth = { authorization: `Bearer ${key}` };
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(Object.keys((await doc.json()).paths)).toContain("/api/v1/deals/{id}");

  expect((await request.get("/api/v1/customers")).status()).toBe(401);
  const list = await request.get("/api/v1/customers?limit=2", { headers: auth });
  expect(list.status()).toBe(200);
  const page1 = await list.json();
  expect(page1.data).toHaveLength(2);
  expect(page1.next_cursor).toBeTruthy();

  const created = await request.post("/api/v1/customers", { headers: auth, data: { name: "API Customer", email: "api@customer.test", country: "nz" } });
  expect(created.status()).toBe(201);
  const customer = (await created.json()).data;
  expect(customer.country).toBe("NZ");
  const bad = await request.post("/api/v1/customers", { headers: auth, data: { name: "", email: "nope" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["email", "name"]);

  // What the API wrote is in the portal, with its origin in the activity.
  await page.goto(`/o/acme/customers/${customer.id}`);
  await expect(page.getByRole("heading", { name: "API Customer" })).toBeVisible();
  await expect(page.getByText("Customer created (api)")).toBeVisible();

  // Another organisation's write key gets 404 for this customer, never its data.
  const context = await browser.newContext();
  const stranger = await context.newPage();
  await signUp(stranger, { name: "Stranger", email: uniqueEmail("stranger"), organizationName: `Stranger Co ${Date.now()}` });
  const slug = new URL(stranger.url()).pathname.split("/")[2];
  await stranger.goto(`/o/${slug}/settings/api-keys`);
  await stranger.getByLabel("Name").fill("Their key");
  await stranger.getByLabel("Scope").selectOption("write");
  await stranger.getByRole("button", { name: "Create key" }).click();
  const theirKey = (await stranger.getByTestId("new-api-key").textContent())!.trim();
  const theirs = { authorization: `Bearer ${theirKey}` };
  expect((await request.get(`/api/v1/customers/${customer.id}`, { headers: theirs })).status()).toBe(404);
  expect((await request.patch(`/api/v1/customers/${customer.id}`, { headers: theirs, data: { name: "Hijacked" } })).status()).toBe(404);
  expect((await (await request.get("/api/v1/customers", { headers: theirs })).json()).data).toEqual([]);
  await context.close();
});
