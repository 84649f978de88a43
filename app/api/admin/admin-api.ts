import { sendSyncRequests } from "@/inngest/sync-events";
import { adminHandlers } from "@/lib/admin/admin-handlers";
import { getSessionUser } from "@/lib/auth/session-user";

/** The admin API's handlers with this app's job sender and session: each route file exports one. */
export const adminApi = adminHandlers({ requestSync: (requests) => sendSyncRequests(requests), session: () => getSessionUser() });
