import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { addMember, makeOrg } from "@/test/factories";
import { countUnread, listNotifications, markNotificationsRead, notifyRoles } from "./notify";

describe("notifications", () => {
  it("reaches the members with the given roles only, per organisation", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    const sales = await addMember(db, owner.org.id, owner.org.slug, "sales");
    const other = await makeOrg(db);
    await notifyRoles(db, owner.org.id, ["owner", "admin"], { kind: "xero.needs_reauth", title: "Re-authorise Xero" });
    expect(await countUnread(db, owner.user.id, owner.org.id)).toBe(1);
    expect(await countUnread(db, admin.user.id, owner.org.id)).toBe(1);
    expect(await countUnread(db, sales.user.id, owner.org.id)).toBe(0);
    expect(await countUnread(db, other.user.id, other.org.id)).toBe(0);
  });

  it("marks only the caller's own notifications read", async () => {
    const db = getDb();
    const owner = await makeOrg(db);
    const admin = await addMember(db, owner.org.id, owner.org.slug, "admin");
    await notifyRoles(db, owner.org.id, ["owner", "admin"], { kind: "test", title: "Hello" });
    const [adminNote] = await listNotifications(db, admin.user.id, owner.org.id);
    await markNotificationsRead(db, owner.user.id, [adminNote.id]);
    expect(await countUnread(db, admin.user.id, owner.org.id)).toBe(1);
    await markNotificationsRead(db, owner.user.id, "all");
    expect(await countUnread(db, owner.user.id, owner.org.id)).toBe(0);
    expect(await countUnread(db, admin.user.id, owner.org.id)).toBe(1);
  });
});
