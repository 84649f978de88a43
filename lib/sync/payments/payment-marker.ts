/**
 * The marker a payment recorded in the portal carries in its Xero Reference, as a deal's invoice
 * carries its deal's: what finds the payment again when the answer to its write was lost.
 */
export const paymentMarker = (portalPaymentId: string) => `[lb:pay:${portalPaymentId}]`;

/** Xero's Reference of a payment is at most 255 characters: finance's words, cut to leave room for the marker. */
export function paymentReference(portalPaymentId: string, typed: string | null): string {
  const marker = paymentMarker(portalPaymentId);
  const words = (typed ?? "").trim().slice(0, 255 - marker.length - 1);
  return words ? `${words} ${marker}` : marker;
}
