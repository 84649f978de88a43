import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeUser, uniq } from "@/test/factories";
import { listDevMail } from "./dev-mailbox";
import { sendMail } from "./send-mail";

describe("dev mailbox", () => {
  it("shows a person only the mail addressed to them; a platform admin sees all", async () => {
    const db = getDb();
    const alice = await makeUser(db);
    const admin = await makeUser(db, { isPlatformAdmin: true });
    const subject = uniq("Invitation");
    await sendMail(db, { to: alice.email.toUpperCase(), subject: `${subject} for alice`, text: "https://x/invite/secret-a" });
    await sendMail(db, { to: "bob@example.test", subject: `${subject} for bob`, text: "https://x/invite/secret-b" });
    const seenByAlice = (await listDevMail(db, alice, 500)).filter((m) => m.subject.startsWith(subject)).map((m) => m.subject);
    expect(seenByAlice).toEqual([`${subject} for alice`]);
    const seenByAdmin = (await listDevMail(db, admin, 500)).filter((m) => m.subject.startsWith(subject)).map((m) => m.subject);
    expect(seenByAdmin.sort()).toEqual([`${subject} for alice`, `${subject} for bob`]);
  });
});
