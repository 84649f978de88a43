import { refreshXeroConnections } from "./functions/xero/refresh-xero-connections";

export { inngest } from "./client";

/** Every function the app serves at /api/inngest. */
export const functions = [refreshXeroConnections];
