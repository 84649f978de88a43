import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations } from "@/db/schema";
import { startWsTcpProxy } from "@/test/ws-tcp-proxy";
import { openNeon, routeNeonThroughLocalProxy } from "./neon";
import type { DbHandle } from "./types";

// Production runs on Neon through @neondatabase/serverless. This proves that driver (Pool over
// WebSocket, with transactions) against a real Postgres. It needs one: DATABASE_URL (CI sets it).
const url = process.env.DATABASE_URL;

describe.skipIf(!url)("Neon serverless driver against the local PostgreSQL (needs DATABASE_URL)", () => {
  let proxy: Awaited<ReturnType<typeof startWsTcpProxy>>;
  let handle: DbHandle;

  beforeAll(async () => {
    proxy = await startWsTcpProxy();
    routeNeonThroughLocalProxy(proxy.port);
    handle = openNeon(url!);
  });

  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
  });

  it("runs queries through the WebSocket proxy", async () => {
    const result = await handle.db.execute(sql`select current_database() as db, 1 + 1 as two`);
    expect(result.rows[0]).toMatchObject({ two: 2 });
  });

  it("starts every connection with the app's session settings (JIT off)", async () => {
    const result = await handle.db.execute(sql`select current_setting('jit') as jit`);
    expect(result.rows[0]).toEqual({ jit: "off" });
  });

  it("commits a transaction and rolls one back", async () => {
    const slug = `neon-${Date.now()}`;
    await handle.db.transaction(async (tx) => {
      await tx.insert(organizations).values({ name: "Neon Committed", slug });
    });
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(organizations).values({ name: "Neon Rolled Back", slug: `${slug}-rb` });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const rows = await handle.db.select({ slug: organizations.slug }).from(organizations).where(sql`${organizations.slug} like ${slug + "%"}`);
    expect(rows.map((r) => r.slug)).toEqual([slug]);
  });
});
