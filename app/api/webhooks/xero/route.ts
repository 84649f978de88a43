import { ensureDatabaseReady, getDb } from "@/db";
import { requestWebhookProcessing } from "@/inngest/sync-events";
import { withSecurityHeaders } from "@/lib/http/security-headers";
import { receiveXeroWebhook } from "@/lib/sync/webhooks/receive-webhook";

/** Xero's webhooks: verified and recorded here, answered at once with an empty 200; the records are fetched by a job. */
export async function POST(request: Request): Promise<Response> {
  await ensureDatabaseReady();
  const { status, orgIds } = await receiveXeroWebhook(getDb(), request);
  if (orgIds.length) await requestWebhookProcessing(orgIds);
  return withSecurityHeaders(new Response(null, { status }));
}
