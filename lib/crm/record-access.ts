import { AppError, forbidden } from "@/lib/errors";
import type { CrmActor } from "./crm-actor";

/** Sales members edit only what they own; owners, admins, finance and API keys edit everything. */
export function canEditOwned(actor: CrmActor, ownerId: string | null): boolean {
  if (!actor.canWrite) return false;
  if (actor.role !== "sales") return true;
  return ownerId !== null && ownerId === actor.userId;
}

export function assertCanEditOwned(actor: CrmActor, ownerId: string | null, what: string): void {
  if (!actor.canWrite) throw forbidden("This API key is read-only. Create a key with write scope.");
  if (!canEditOwned(actor, ownerId)) throw forbidden(`Sales members can change only their own ${what}. Ask the owner of this record or an admin.`);
}

/** Products, subscriptions and marketing spend set prices: not for sales members. */
export function assertCanManageCatalog(actor: CrmActor): void {
  if (!actor.canWrite) throw forbidden("This API key is read-only. Create a key with write scope.");
  if (actor.role === "sales") throw forbidden("Only owners, admins and finance can change products, subscriptions and spend.");
}

export function assertCanWrite(actor: CrmActor): void {
  if (!actor.canWrite) throw new AppError("forbidden", "This API key is read-only. Create a key with write scope.");
}

/** Whoever may not see amounts (a sales member, an API key without amounts) may not set a price either. */
export function assertMaySetPrice(actor: CrmActor, field: string, priceGiven: boolean): void {
  if (!priceGiven || actor.canSeeAmounts) return;
  throw new AppError("forbidden", `${field}: ${actor.role === "api" ? "this API key is without amounts, so it cannot set prices" : "you cannot set prices without financial visibility"}.`, [
    { field, message: actor.role === "api" ? "Use a key with amounts to set prices." : "Ask finance or an admin to set the price." },
  ]);
}
