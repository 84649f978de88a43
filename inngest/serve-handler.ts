import { serve } from "inngest/next";
import { getEnv } from "@/lib/env";
import { withSecurityHeaders } from "@/lib/http/security-headers";
import { functions, inngest } from "./index";
import { MAX_JOB_REQUEST_BYTES } from "@/lib/http/body-limits";
import { readBodyBytes } from "@/lib/http/read-body";
import { LOCAL_SIGNATURE_HEADER, verifyLocalRequest } from "./local-signature";

type Handler = (request: Request, context: unknown) => Promise<Response>;

const CODES: Record<number, string> = { 401: "unauthenticated", 404: "not_found", 413: "payload_too_large" };
const refuse = (status: number, message: string) => withSecurityHeaders(Response.json({ error: { code: CODES[status], message, fields: [] } }, { status }));

/**
 * The handlers /api/inngest exposes. With an Inngest server (production) they are the SDK's own,
 * which verify Inngest's request signature (lib/env.ts never lets production run in dev mode).
 * Without one, only this process's local driver may call: its POSTs carry a signature made with
 * a key born at boot, anything else is refused before the SDK sees it, and there is nothing to
 * register or introspect.
 */
export function inngestRouteHandlers(): { GET: Handler; POST: Handler; PUT: Handler } {
  const raw = serve({ client: inngest, functions }) as unknown as { GET: Handler; POST: Handler; PUT: Handler };
  // The proxy never sees this route (proxy.ts): its answers get the security headers here.
  const secured = (handler: Handler): Handler => async (request, context) => withSecurityHeaders(await handler(request, context));
  const sdk = { GET: secured(raw.GET), POST: secured(raw.POST), PUT: secured(raw.PUT) };
  /** The body read at most MAX_JOB_REQUEST_BYTES (the proxy does not run here), or null past it. */
  const cappedBody = async (request: Request) => (await readBodyBytes(request, MAX_JOB_REQUEST_BYTES).catch(() => null))?.toString("utf8") ?? null;
  const again = (request: Request, body: string) => new Request(request.url, { method: request.method, headers: request.headers, body });
  const tooLarge = () => refuse(413, "The request is larger than Inngest or the job runner sends.");
  if (!getEnv().inngest.runLocally) {
    return {
      ...sdk,
      POST: async (request, context) => {
        const body = await cappedBody(request);
        return body === null ? tooLarge() : sdk.POST(again(request, body), context);
      },
    };
  }
  const notServed: Handler = async () => refuse(404, "No Inngest server is configured: this app runs its jobs itself.");
  return {
    GET: notServed,
    PUT: notServed,
    POST: async (request, context) => {
      const body = await cappedBody(request);
      if (body === null) return tooLarge();
      if (!verifyLocalRequest(request.headers.get(LOCAL_SIGNATURE_HEADER), body)) return refuse(401, "Only this app's own job runner may call this endpoint.");
      return sdk.POST(again(request, body), context);
    },
  };
}
