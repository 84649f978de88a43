import { requestPush } from "@/inngest/sync-events";
import { dealInvoiceHandler } from "@/lib/api/v1-billing-handlers";

export const POST = dealInvoiceHandler((orgId) => requestPush(orgId, "manual"));
