import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiRequestCounts } from "@/db/schema";
import { makeCrmOrg } from "@/lib/crm/test-actors";
import { createApiKey } from "./api-keys";
import { admitApiRequest } from "./api-rate-limit";

describe("tenant API rate limit", () => {
  it("admits the limit per key and minute, then says how long to wait; the next minute starts afresh", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const { id } = await createApiKey(db, { orgId: org.orgId, name: "k", scope: "read", canSeeAmounts: true, createdBy: null });
    const { id: other } = await createApiKey(db, { orgId: org.orgId, name: "k2", scope: "read", canSeeAmounts: true, createdBy: null });
    const at = new Date("2026-11-22T10:00:45Z");
    const answers = await Promise.all([1, 2, 3, 4].map(() => admitApiRequest(db, id, at, 3)));
    expect(answers.filter((a) => a.allowed)).toHaveLength(3);
    expect(answers.find((a) => !a.allowed)).toMatchObject({ remaining: 0, retryAfter: 15 });
    expect((await admitApiRequest(db, other, at, 3)).allowed).toBe(true);
    const next = await admitApiRequest(db, id, new Date("2026-11-22T10:01:01Z"), 3);
    expect(next).toMatchObject({ allowed: true, remaining: 2 });
    expect(await db.select().from(apiRequestCounts).where(eq(apiRequestCounts.apiKeyId, id))).toHaveLength(1);
  });
});
