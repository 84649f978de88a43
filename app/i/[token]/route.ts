import { getDb } from "@/db";
import { openTrackedLink } from "@/lib/billing/tracked-link";

const page = (status: number, title: string, text: string) =>
  new Response(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width"></head><body style="font-family:system-ui;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });

/** Our tracked invoice link: the first open records Viewed, then the customer goes to Xero's online invoice. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await openTrackedLink(getDb(), token);
  if (opened.kind === "redirect") return new Response(null, { status: 302, headers: { location: opened.url, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  if (opened.kind === "not_found") return page(404, "Link not found", "This invoice link is not valid. Check that the whole link from the email was opened, or ask the sender for a new one.");
  return page(503, "Try again in a moment", "The invoice could not be opened just now (Xero, where it is kept, did not answer). Please try the link again in a few minutes.");
}
