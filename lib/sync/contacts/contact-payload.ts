import { Address, Contact, CurrencyCode, PaymentTermType, Phone } from "xero-node";
import type { SyncedContactValues } from "@/db/schema";
import { ADDRESS_FIELDS, sameAddress, type AddressValues } from "./contact-address";

/** What the mirror knows of the linked contact: the last synced snapshot and what only Xero holds. */
export interface MirrorSide {
  /** Both sides' values at the last sync; null for a contact just linked and not merged yet. */
  synced: SyncedContactValues | null;
  contactNumber: string | null;
  /** Xero's postal (POBOX) address, which the CRM has no field for: null when it has none, undefined when the mirror has not seen it yet. */
  postal: AddressValues | null | undefined;
}

const present = (v: unknown) => v !== null && v !== undefined && v !== "";

/**
 * A customer as the Xero contact write that carries only what changed since the last sync, so a
 * Xero edit of another field (made since the last pull) is never overwritten. With no snapshot (a
 * create, or a contact linked but never merged) only what the CRM has goes: nothing is blanked.
 * "" goes only for a field that was synced non-empty and has since been cleared in the CRM.
 * The address is one unit in Xero: when any part changed the whole street address goes (the CRM's,
 * which the merge filled from Xero's); the postal address follows it only where Xero has none or a
 * copy of the old one, never over a distinct postal address. ContactNumber carries our customer id
 * (how a lost answer is found again) unless the contact already has a number of the accountant's.
 */
export function contactPayload(customerId: string, crm: SyncedContactValues, xeroContactId: string | null, mirror: MirrorSide | null): Contact {
  const base = xeroContactId ? (mirror?.synced ?? null) : null;
  const sends = (f: keyof SyncedContactValues) => (base ? (crm[f] ?? null) !== (base[f] ?? null) && (present(crm[f]) || present(base[f])) : present(crm[f]));
  const text = (f: keyof SyncedContactValues) => String(crm[f] ?? "");
  const out: Contact = xeroContactId ? { contactID: xeroContactId } : {};
  if (!xeroContactId || !mirror?.contactNumber) out.contactNumber = customerId;
  if (!xeroContactId || sends("name")) out.name = crm.name ?? "";
  if (sends("email")) out.emailAddress = text("email");
  // The CRM keeps the phone as one string: Xero's separate codes are cleared, or they would be read back twice.
  if (sends("phone")) out.phones = [{ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: text("phone"), ...(base ? { phoneAreaCode: "", phoneCountryCode: "" } : {}) }];
  if (ADDRESS_FIELDS.some(sends)) {
    const street = Object.fromEntries(ADDRESS_FIELDS.filter((f) => base || present(crm[f])).map((f) => [f, text(f)])) as Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>;
    out.addresses = [{ addressType: Address.AddressTypeEnum.STREET, ...street }];
    // Unknown (a mirror row from before postal addresses were kept) counts as the accountant's until the next pull says.
    const postalIsCopy = !xeroContactId || mirror?.postal === null || (!!mirror?.postal && base !== null && sameAddress(mirror.postal, base));
    if (postalIsCopy) out.addresses.push({ addressType: Address.AddressTypeEnum.POBOX, ...street });
  }
  if (sends("taxNumber")) out.taxNumber = text("taxNumber");
  if (sends("paymentTermDays") && crm.paymentTermDays !== null) out.paymentTerms = { sales: { day: crm.paymentTermDays, type: PaymentTermType.DAYSAFTERBILLDATE } };
  if (sends("currency") && crm.currency) out.defaultCurrency = crm.currency as unknown as CurrencyCode;
  return out;
}
