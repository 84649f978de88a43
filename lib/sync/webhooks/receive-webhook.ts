import type { Db } from "@/db";
import { getEnv } from "@/lib/env";
import { MAX_WEBHOOK_BYTES } from "@/lib/http/body-limits";
import { readBodyBytes } from "@/lib/http/read-body";
import { getLogger } from "@/lib/log/logger";
import { recordWebhookEvents, webhookPayload } from "./record-events";
import { verifyXeroSignature } from "./verify-signature";

/**
 * A delivery to POST /api/webhooks/xero, as Xero requires: the signature checked over the raw
 * bytes (401 when wrong, which is also how "intent to receive" is passed), the events kept once
 * each, and 200 with nothing else. The work itself is queued by the caller for the returned
 * organisations; nothing slow happens before the answer.
 */
export async function receiveXeroWebhook(db: Db, request: Request): Promise<{ status: 200 | 401; orgIds: string[] }> {
  let raw: Buffer;
  try {
    raw = await readBodyBytes(request, MAX_WEBHOOK_BYTES);
  } catch {
    return { status: 401, orgIds: [] };
  }
  if (!verifyXeroSignature(raw, request.headers.get("x-xero-signature"), getEnv().xeroWebhookKey)) return { status: 401, orgIds: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return { status: 200, orgIds: [] };
  }
  const parsed = webhookPayload.safeParse(json);
  if (!parsed.success) {
    getLogger().warn({ issues: parsed.error.issues.length }, "xero webhook with an unexpected shape; ignored");
    return { status: 200, orgIds: [] };
  }
  return { status: 200, orgIds: await recordWebhookEvents(db, parsed.data) };
}
