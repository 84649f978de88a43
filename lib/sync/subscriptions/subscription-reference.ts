/**
 * The marker a subscription's repeating invoice carries in its Reference (and so every invoice it
 * generates): what finds a repeating invoice whose create answer was lost. Not the deal marker: the
 * invoices it makes must not be taken for a deal's.
 */
export const subscriptionMarker = (subscriptionId: string) => `[lbs:${subscriptionId}]`;

export const subscriptionReference = (subscriptionId: string) => `Subscription ${subscriptionMarker(subscriptionId)}`;

const MARKER = /\[lbs:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]/i;

export function subscriptionIdFromReference(reference: string | null | undefined): string | null {
  return reference ? (MARKER.exec(reference)?.[1]?.toLowerCase() ?? null) : null;
}
