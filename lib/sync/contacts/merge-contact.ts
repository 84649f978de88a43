import type { SyncedContactValues } from "@/db/schema";
import { CONTACT_FIELDS } from "./contact-fields";

export interface MergeInput {
  crm: SyncedContactValues;
  crmUpdatedAt: Date;
  xero: SyncedContactValues;
  xeroUpdatedAt: Date;
  /** Both sides' values at the last sync, or null for a first sync after linking. */
  synced: SyncedContactValues | null;
}

export interface FieldConflict {
  field: keyof SyncedContactValues;
  crm: unknown;
  xero: unknown;
  winner: "crm" | "xero";
}

export interface MergeResult {
  /** Fields the CRM takes from Xero. */
  toCrm: Partial<SyncedContactValues>;
  /** Whether Xero must receive the CRM's values (some field is the CRM's and differs in Xero). */
  pushToXero: boolean;
  /** The new base for the next merge. */
  synced: SyncedContactValues;
  conflicts: FieldConflict[];
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * The per-field three-way merge of a customer and its Xero contact. A field changed on one side
 * since the last sync takes that side's value; changed on both, the later change wins (Xero's
 * UpdatedDateUTC against the customer's updatedAt) and the conflict is reported with what was
 * overwritten. With no base (just linked), an empty side takes the other's value (nothing is ever
 * wiped), a name differing only in case keeps Xero's, and otherwise the later record wins.
 */
export function mergeContact({ crm, crmUpdatedAt, xero, xeroUpdatedAt, synced }: MergeInput): MergeResult {
  const toCrm: Partial<SyncedContactValues> = {};
  // With no base, Xero's values are what both sides start from: a field the CRM wins then differs
  // from the base, so the push (which sends only what differs from it) sends it.
  const base = { ...(synced ?? xero) };
  const conflicts: FieldConflict[] = [];
  let pushToXero = false;
  const xeroIsLater = xeroUpdatedAt.getTime() > crmUpdatedAt.getTime();
  for (const field of CONTACT_FIELDS) {
    const x = xero[field];
    const c = crm[field];
    if (same(x, c)) {
      (base as Record<string, unknown>)[field] = x;
      continue;
    }
    // The name is required in the CRM: an empty Xero name never overwrites it.
    const xeroUsable = field !== "name" || Boolean(x);
    let winner: "crm" | "xero";
    // Just linked, a name that differs only in case is the same name: the accountant's spelling stays.
    const sameNameOtherCase = field === "name" && typeof x === "string" && typeof c === "string" && x.trim().toLowerCase() === c.trim().toLowerCase();
    if (!synced) winner = x === null || x === undefined || !xeroUsable ? "crm" : c === null || c === undefined || sameNameOtherCase ? "xero" : xeroIsLater ? "xero" : "crm";
    else {
      const xChanged = !same(x, synced[field]);
      const cChanged = !same(c, synced[field]);
      if (xChanged && !cChanged) winner = xeroUsable ? "xero" : "crm";
      else if (cChanged && !xChanged) winner = "crm";
      else {
        winner = xeroIsLater && xeroUsable ? "xero" : "crm";
        conflicts.push({ field, crm: c, xero: x, winner });
      }
    }
    if (winner === "xero") {
      (toCrm as Record<string, unknown>)[field] = x;
      (base as Record<string, unknown>)[field] = x;
    } else pushToXero = true;
  }
  return { toCrm, pushToXero, synced: base as SyncedContactValues, conflicts };
}
