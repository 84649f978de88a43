import { serve } from "inngest/next";
import { functions, inngest } from "./index";
import type { ServeHandler } from "./local-driver";

/** The same serve handler /api/inngest exposes, called in-process by the local driver. */
export function localServeHandler(): ServeHandler {
  const { POST } = serve({ client: inngest, functions });
  return (req) => POST(req as never, undefined as never) as Promise<Response>;
}
