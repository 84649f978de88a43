import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "../helpers";

test("an owner invites a member by link; the invitee creates an account and joins with the role", async ({ page, browser }) => {
  const email = uniqueEmail("invitee");
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/settings/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("finance");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);

  // The inviter sees the link to share; the email itself went to the dev mailbox (no SMTP
  // configured), which shows each person only their own mail: not the owner, only a platform admin.
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Dev mailbox" })).toBeVisible();
  await expect(page.getByTestId("dev-mail").filter({ hasText: email })).toHaveCount(0);
  const admin = await browser.newPage();
  await signIn(admin, "admin@ledgerbridge.test");
  await admin.goto("/dev/mailbox");
  const mail = admin.getByTestId("dev-mail").filter({ hasText: email }).first();
  await expect(mail).toContainText("invited you to join Acme Agency");
  expect(await mail.textContent()).toContain(link);
  await admin.close();

  const invitee = await browser.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText("You were invited as Finance")).toBeVisible();
  await invitee.getByLabel("Your name").fill("Ines Invitee");
  await invitee.getByLabel("Choose a password").fill("correct-horse-42");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(/\/o\/acme$/);
  await invitee.goto("/o/acme/settings/members");
  await expect(invitee.getByTestId(`member-${email}`)).toContainText("Finance");
  await invitee.close();
});

test("the last owner cannot be removed", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/o/acme/settings/members");
  const row = page.getByTestId("member-owner@acme.test");
  await row.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove member" }).click();
  await expect(row.getByRole("alert").filter({ hasText: "last owner" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("member-owner@acme.test")).toBeVisible();
});
