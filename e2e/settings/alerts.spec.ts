import { expect, test } from "@playwright/test";
import { startChatWebhookReceiver } from "../../test/chat-webhook-receiver";
import { signUp, uniqueEmail } from "../helpers";

// An owner chooses how alerts reach them and points the team channel's webhook at the portal:
// a bad URL is refused by field, a test message arrives in the channel, a refusal is shown with
// its reason, and removing the webhook asks first.

test("an owner sets their alert channels and a team chat webhook, tests it and removes it", async ({ page }) => {
  const receiver = await startChatWebhookReceiver();
  try {
    const organizationName = `Alerts Co ${Date.now()}`;
    await signUp(page, { name: "Ada Alerts", email: uniqueEmail("alerts"), organizationName });
    const base = new URL(page.url()).pathname;
    await page.goto(`${base}/settings/alerts`);

    const yours = page.getByRole("form", { name: "Your alerts" });
    const overdueByEmail = yours.getByLabel("Overdue invoices by email");
    await expect(overdueByEmail).not.toBeChecked();
    await expect(yours.getByLabel("Xero connection needs attention by email")).toBeChecked();
    await overdueByEmail.check();
    await yours.getByRole("button", { name: "Save my alerts" }).click();
    await expect(yours.getByRole("status")).toContainText("Saved.");
    await page.reload();
    await expect(page.getByLabel("Overdue invoices by email")).toBeChecked();

    await expect(page.getByText("No webhook yet")).toBeVisible();
    await page.getByLabel("Webhook URL").fill("http://hooks.example.com/services/x");
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect(page.locator("#field-webhookUrl-error")).toContainText("must start with https://");

    await page.getByLabel("Webhook URL").fill(receiver.url);
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect(page.getByText("Webhook saved. Send a test message to check it.")).toBeVisible();
    // The URL is never shown back, only its host and last characters.
    await expect(page.getByText(/Saved: http:\/\/127\.0\.0\.1:\d+\/…oken/)).toBeVisible();
    await expect(page.locator("body")).not.toContainText("secret-token");

    await page.getByRole("button", { name: "Send a test message" }).click();
    await expect(page.getByText("Test message delivered. Check the channel.")).toBeVisible();
    expect(receiver.received).toEqual([{ text: `Ledgerbridge test message for ${organizationName}: alerts will arrive here.` }]);
    await expect(page.getByRole("table", { name: "Webhook messages" }).getByRole("row")).toHaveCount(2);

    receiver.script([404]);
    await page.getByRole("button", { name: "Send a test message" }).click();
    await expect(page.getByText(/The webhook answered HTTP 404: no_service\. Gave up after 1 attempt/).first()).toBeVisible();
    await expect(page.getByRole("table", { name: "Webhook messages" }).getByText("failed")).toBeVisible();

    await page.getByRole("button", { name: "Remove webhook" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("Remove the team chat webhook?");
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove webhook" }).click();
    await expect(page.getByRole("button", { name: "Remove webhook" })).toHaveCount(0);
    await expect(page.getByText(/Saved: http/)).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
