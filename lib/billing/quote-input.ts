import { z } from "zod";

/** The body of "Create quote" (POST /api/v1/deals/{id}/quote): all optional. */
export const quoteRequestInput = z.strictObject(
  { status: z.enum(["DRAFT", "SENT"], { error: 'status must be "DRAFT" or "SENT".' }).optional() },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}: a quote takes only status.` : 'Send a JSON object like {"status": "SENT"}, or no body.') },
);
export type QuoteRequest = z.infer<typeof quoteRequestInput>;
