import { createHash } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { apiIdempotencyKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";

const KEEP_MS = 24 * 60 * 60_000;

/**
 * Runs a create at most once per (API key, Idempotency-Key). The claim, the create and the stored
 * answer commit in one transaction: a concurrent retry waits on the claim's row and then replays
 * the answer; a failed create leaves no claim, so the client can fix the body and retry with the
 * same key. The same key with another body is refused. Without the header the request just runs.
 */
export async function idempotent(db: Db, apiKeyId: string, request: Request, body: unknown, run: (tx: Db) => Promise<Response>): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (!key) return run(db);
  if (key.length > 200) throw new AppError("validation", "Idempotency-Key: at most 200 characters.", [{ field: "Idempotency-Key", message: "Use a UUID or another value of at most 200 characters." }]);
  const requestHash = createHash("sha256").update(`${request.method} ${new URL(request.url).pathname} ${JSON.stringify(body)}`).digest("hex");
  const mine = and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), eq(apiIdempotencyKeys.key, key));
  await db.delete(apiIdempotencyKeys).where(and(mine, lt(apiIdempotencyKeys.createdAt, new Date(Date.now() - KEEP_MS))));
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(apiIdempotencyKeys).values({ apiKeyId, key, requestHash }).onConflictDoNothing().returning({ key: apiIdempotencyKeys.key });
    if (!claimed.length) {
      const [first] = await tx.select().from(apiIdempotencyKeys).where(mine);
      if (first.requestHash !== requestHash) {
        throw new AppError("validation", "Idempotency-Key: already used for a different request. Use a new key for a new request.", [{ field: "Idempotency-Key", message: "Already used for a different request." }]);
      }
      return new Response(first.responseBody, { status: first.status ?? 200, headers: { "content-type": "application/json", "idempotent-replayed": "true" } });
    }
    const response = await run(tx);
    await tx
      .update(apiIdempotencyKeys)
      .set({ status: response.status, responseBody: await response.clone().text() })
      .where(mine);
    return response;
  });
}
