import type { ServeHandler } from "./local-driver";
import { LOCAL_SIGNATURE_HEADER, signLocalRequest } from "./local-signature";
import { inngestRouteHandlers } from "./serve-handler";

/**
 * The same handler /api/inngest exposes, called in-process by the local driver. Each request is
 * signed as the route requires, so the driver goes through exactly the check an outsider fails.
 */
export function localServeHandler(): ServeHandler {
  const { POST } = inngestRouteHandlers();
  return async (request) => {
    const body = await request.text();
    const headers = new Headers(request.headers);
    headers.set(LOCAL_SIGNATURE_HEADER, signLocalRequest(body));
    return POST(new Request(request.url, { method: "POST", headers, body }), undefined);
  };
}
