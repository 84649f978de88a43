import { dealMarker } from "../invoices/deal-reference";

/** The marker of one quote of ours, beside its deal's: what finds the quote again when the answer to its write was lost. */
export const quoteMarker = (quoteId: string) => `[lbq:${quoteId}]`;

/**
 * The quote's Reference: the deal's title for a person, the deal's marker (as its invoice carries)
 * and the quote's own (a deal may have had a declined quote before this one). At most 255 characters.
 */
export function quoteReference(dealTitle: string, dealId: string, quoteId: string): string {
  const markers = `${dealMarker(dealId)} ${quoteMarker(quoteId)}`;
  return `${dealTitle.slice(0, 255 - markers.length - 1)} ${markers}`;
}

const QUOTE_MARKER = /\[lbq:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]/i;

export function quoteIdFromReference(reference: string | null | undefined): string | null {
  return reference ? (QUOTE_MARKER.exec(reference)?.[1]?.toLowerCase() ?? null) : null;
}
