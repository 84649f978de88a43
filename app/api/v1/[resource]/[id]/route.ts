import { requestPush } from "@/inngest/sync-events";
import { v1Handlers } from "@/lib/api/v1-handlers";

const handlers = v1Handlers((orgId) => requestPush(orgId));
export const GET = handlers.get;
export const PATCH = handlers.update;
export const DELETE = handlers.remove;
