import type { Address, Contact } from "xero-node";
import type { Customer, MirroredContactValues, SyncedContactValues } from "@/db/schema";
import type { AddressValues } from "./contact-address";

/** The fields both sides edit, in the order the merge and the log show them. */
export const CONTACT_FIELDS: (keyof SyncedContactValues)[] = ["name", "email", "phone", "addressLine1", "addressLine2", "city", "region", "postalCode", "country", "taxNumber", "paymentTermDays", "currency"];

export function customerValues(c: Pick<Customer, keyof SyncedContactValues>): SyncedContactValues {
  return {
    name: c.name,
    email: c.email?.toLowerCase() ?? null,
    phone: c.phone,
    addressLine1: c.addressLine1,
    addressLine2: c.addressLine2,
    city: c.city,
    region: c.region,
    postalCode: c.postalCode,
    country: c.country,
    taxNumber: c.taxNumber,
    paymentTermDays: c.paymentTermDays,
    currency: c.currency,
  };
}

/** Country names Xero users type, to the ISO codes the CRM keeps; two letters pass through. */
const COUNTRY_NAMES: Record<string, string> = {
  "united states": "US", usa: "US", "united states of america": "US", "united kingdom": "GB", uk: "GB", "great britain": "GB", england: "GB",
  "new zealand": "NZ", australia: "AU", canada: "CA", ireland: "IE", germany: "DE", france: "FR", spain: "ES", italy: "IT", netherlands: "NL", "south africa": "ZA", singapore: "SG",
};

export function countryCodeOf(value: string | undefined | null): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  return COUNTRY_NAMES[v.toLowerCase()] ?? null;
}

const blank = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

/** What a Xero contact says, in the CRM's terms (the street address first, else the postal one). */
export function xeroContactValues(c: Contact): SyncedContactValues {
  const address = c.addresses?.find((a) => String(a.addressType) === "STREET" && hasAny(a)) ?? c.addresses?.find((a) => String(a.addressType) === "POBOX" && hasAny(a));
  const phone = c.phones?.find((p) => String(p.phoneType) === "DEFAULT" && p.phoneNumber) ?? c.phones?.find((p) => p.phoneNumber);
  const terms = c.paymentTerms?.sales;
  return {
    name: c.name?.trim() ?? "",
    email: blank(c.emailAddress)?.toLowerCase() ?? null,
    phone: phone ? blank([phone.phoneCountryCode, phone.phoneAreaCode, phone.phoneNumber].filter((p) => p && p.trim()).join(" ")) : null,
    addressLine1: blank(address?.addressLine1),
    addressLine2: blank(address?.addressLine2),
    city: blank(address?.city),
    region: blank(address?.region),
    postalCode: blank(address?.postalCode),
    country: countryCodeOf(address?.country),
    taxNumber: blank(c.taxNumber),
    paymentTermDays: terms && String(terms.type) === "DAYSAFTERBILLDATE" && Number.isInteger(terms.day) ? terms.day! : null,
    currency: c.defaultCurrency ? String(c.defaultCurrency) : null,
  };
}

const hasAny = (a: Address) => Boolean(a.addressLine1 || a.city || a.postalCode || a.country);

/**
 * Xero's postal (POBOX) address, or null when it has none. The CRM keeps one address, so the mirror
 * keeps this one beside it: the push must know whether a postal address is the accountant's own.
 */
export function xeroPostalAddress(c: Contact): AddressValues | null {
  const a = c.addresses?.find((x) => String(x.addressType) === "POBOX" && hasAny(x));
  if (!a) return null;
  return { addressLine1: blank(a.addressLine1), addressLine2: blank(a.addressLine2), city: blank(a.city), region: blank(a.region), postalCode: blank(a.postalCode), country: countryCodeOf(a.country) };
}

/** What the mirror keeps of a Xero contact: the shared fields, and its postal address aside. */
export function mirroredContactValues(c: Contact): MirroredContactValues {
  return { ...xeroContactValues(c), postal: xeroPostalAddress(c) };
}

/** The fields whose values differ between two snapshots. */
export function changedFields(a: SyncedContactValues, b: SyncedContactValues): (keyof SyncedContactValues)[] {
  return CONTACT_FIELDS.filter((f) => (a[f] ?? null) !== (b[f] ?? null));
}
