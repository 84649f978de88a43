import type { ContactRec } from "../store/types";
import { field } from "./batch";
import type { ApiContext } from "./context";
import { MSG } from "./errors";

/**
 * The contact a quote or repeating invoice names: by ContactID or ContactNumber, or an existing
 * active contact by Name. (Only invoices create a contact from an unknown Name.)
 */
export function existingContact(ctx: ApiContext, raw: Record<string, unknown> | undefined, errors: string[]): ContactRec | undefined {
  const id = field<string>(raw, "ContactID");
  const number = field<string>(raw, "ContactNumber");
  const name = field<string>(raw, "Name");
  if (!id && !number && !name) {
    errors.push(MSG.contactIdentify);
    return undefined;
  }
  const found =
    (id && ctx.org.contacts.get(id)) ||
    (number && [...ctx.org.contacts.values()].find((c) => c.ContactNumber?.toLowerCase() === number.toLowerCase())) ||
    (name && ctx.org.activeContactByName(name)) ||
    undefined;
  if (!found) errors.push(MSG.contactNotFound);
  return found;
}
