/**
 * The invoice's Reference names the deal for a person ("Website redesign") and carries a marker the
 * sync reads back (`[lb:<deal id>]`): an invoice whose answer was lost is found by it, and invoices
 * pulled from Xero link to their deal by it. Xero's Reference holds 255 characters.
 */
const MARKER = /\[lb:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]/i;

export function dealReference(dealTitle: string, dealId: string): string {
  const marker = `[lb:${dealId}]`;
  return `${dealTitle.slice(0, 255 - marker.length - 1)} ${marker}`;
}

export function dealIdFromReference(reference: string | null | undefined): string | null {
  return reference ? (MARKER.exec(reference)?.[1]?.toLowerCase() ?? null) : null;
}

export const dealMarker = (dealId: string) => `[lb:${dealId}]`;
