import { requestPush } from "@/inngest/sync-events";
import { v1Handlers } from "@/lib/api/v1-handlers";

// A write through the API pushes the organisation's outbox at once (the Xero side follows in seconds).
const handlers = v1Handlers((orgId) => requestPush(orgId));
export const GET = handlers.list;
export const POST = handlers.create;
