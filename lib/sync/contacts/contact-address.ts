import type { SyncedContactValues } from "@/db/schema";

/** The CRM's one address, field by field (Xero's street address, else its postal one). */
export const ADDRESS_FIELDS = ["addressLine1", "addressLine2", "city", "region", "postalCode", "country"] as const;
export type AddressValues = Pick<SyncedContactValues, (typeof ADDRESS_FIELDS)[number]>;

const blank = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

/** Whether two addresses are the same place as written (so a postal address is only a copy of the street one). */
export function sameAddress(a: Partial<AddressValues>, b: Partial<AddressValues>): boolean {
  return ADDRESS_FIELDS.every((f) => (blank(a[f])?.toLowerCase() ?? null) === (blank(b[f])?.toLowerCase() ?? null));
}
