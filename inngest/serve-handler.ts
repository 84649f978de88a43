import { serve } from "inngest/next";
import { getEnv } from "@/lib/env";
import { functions, inngest } from "./index";
import { LOCAL_SIGNATURE_HEADER, verifyLocalRequest } from "./local-signature";

type Handler = (request: Request, context: unknown) => Promise<Response>;

const refuse = (status: number, message: string) => Response.json({ error: { code: status === 401 ? "unauthenticated" : "not_found", message, fields: [] } }, { status });

/**
 * The handlers /api/inngest exposes. With an Inngest server (production) they are the SDK's own,
 * which verify Inngest's request signature (lib/env.ts never lets production run in dev mode).
 * Without one, only this process's local driver may call: its POSTs carry a signature made with
 * a key born at boot, anything else is refused before the SDK sees it, and there is nothing to
 * register or introspect.
 */
export function inngestRouteHandlers(): { GET: Handler; POST: Handler; PUT: Handler } {
  const sdk = serve({ client: inngest, functions }) as unknown as { GET: Handler; POST: Handler; PUT: Handler };
  if (!getEnv().inngest.runLocally) return sdk;
  const notServed: Handler = async () => refuse(404, "No Inngest server is configured: this app runs its jobs itself.");
  return {
    GET: notServed,
    PUT: notServed,
    POST: async (request, context) => {
      const body = await request.text();
      if (!verifyLocalRequest(request.headers.get(LOCAL_SIGNATURE_HEADER), body)) return refuse(401, "Only this app's own job runner may call this endpoint.");
      return sdk.POST(new Request(request.url, { method: "POST", headers: request.headers, body }), context);
    },
  };
}
