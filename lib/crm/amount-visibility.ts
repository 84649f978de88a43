/**
 * Members without financial visibility get records with every amount blanked: pages, exports and
 * the API all read through these, so amounts never leave the server for them.
 */
type WithAmounts = { amount?: string | null; unitPrice?: string | null; lineAmount?: string | null };

export function hideAmounts<T extends WithAmounts>(row: T, canSeeAmounts: boolean): T {
  if (canSeeAmounts) return row;
  const out = { ...row };
  if ("amount" in out) out.amount = null;
  if ("unitPrice" in out) out.unitPrice = null;
  if ("lineAmount" in out) out.lineAmount = null;
  return out;
}

export function hideAmountsInAll<T extends WithAmounts>(rows: T[], canSeeAmounts: boolean): T[] {
  return canSeeAmounts ? rows : rows.map((r) => hideAmounts(r, false));
}
