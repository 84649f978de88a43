"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { formatMoney, lineAmount, sumAmounts } from "@/lib/crm/money";

export interface ProductChoice {
  id: string;
  code: string;
  name: string;
  unitPrice: string | null;
  currency: string;
  /** Stock on hand in Xero, where it tracks the product's item. */
  quantityOnHand?: string | null;
}
export interface EditableLine {
  productId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

const blank: EditableLine = { productId: "", description: "", quantity: "1", unitPrice: "", discountPercent: "" };

/**
 * Product lines with a live total (the same per-line rounding the server uses). The rows travel to
 * the server as JSON in one hidden field; the server recomputes everything and names bad cells
 * as lines.N.field.
 */
export function LinesEditor({ products, initial, currency, canSeeAmounts, errors }: { products: ProductChoice[]; initial: EditableLine[]; currency: string; canSeeAmounts: boolean; errors?: Record<string, string> }) {
  const [lines, setLines] = useState<EditableLine[]>(initial);
  const set = (i: number, patch: Partial<EditableLine>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const priceOf = (l: EditableLine) => (l.unitPrice !== "" ? Number(l.unitPrice) : Number(products.find((p) => p.id === l.productId)?.unitPrice ?? 0));
  const amounts = lines.map((l) => lineAmount(Number(l.quantity) || 0, priceOf(l) || 0, Number(l.discountPercent) || 0));
  const payload = lines.map((l) => ({
    productId: l.productId || null,
    description: l.description || null,
    quantity: l.quantity,
    ...(l.unitPrice !== "" ? { unitPrice: l.unitPrice } : {}),
    discountPercent: l.discountPercent || "0",
  }));
  const lineErrors = Object.entries(errors ?? {}).filter(([k]) => k.startsWith("lines"));

  return (
    <fieldset className="grid gap-3 rounded-xl border p-4">
      <legend className="px-1 text-sm font-medium">Lines</legend>
      <input type="hidden" name="lines" value={JSON.stringify(payload)} />
      {lines.map((l, i) => (
        <div key={i} className="grid gap-2 sm:grid-cols-[12rem_1fr_5rem_7rem_5rem_7rem_2rem] sm:items-center" data-testid={`line-${i}`}>
          <NativeSelect aria-label={`Line ${i + 1} product`} value={l.productId} onChange={(e) => set(i, { productId: e.target.value })}>
            <option value="">No product</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {p.name}
              </option>
            ))}
          </NativeSelect>
          <Input aria-label={`Line ${i + 1} description`} placeholder="Description (default: product name)" value={l.description} onChange={(e) => set(i, { description: e.target.value })} />
          <div className="grid gap-1">
            <Input aria-label={`Line ${i + 1} quantity`} inputMode="decimal" value={l.quantity} onChange={(e) => set(i, { quantity: e.target.value })} />
            <StockHint product={products.find((p) => p.id === l.productId)} quantity={Number(l.quantity) || 0} line={i + 1} />
          </div>
          {canSeeAmounts ? (
            <Input aria-label={`Line ${i + 1} unit price`} inputMode="decimal" placeholder={products.find((p) => p.id === l.productId)?.unitPrice ?? "Price"} value={l.unitPrice} onChange={(e) => set(i, { unitPrice: e.target.value })} />
          ) : (
            <span className="text-muted-foreground text-xs">product price</span>
          )}
          <Input aria-label={`Line ${i + 1} discount %`} inputMode="decimal" placeholder="0%" value={l.discountPercent} onChange={(e) => set(i, { discountPercent: e.target.value })} />
          <span className="text-right tabular-nums">{canSeeAmounts ? formatMoney(amounts[i], currency) : "—"}</span>
          <Button type="button" variant="ghost" size="icon" aria-label={`Remove line ${i + 1}`} onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
            <Trash2 />
          </Button>
        </div>
      ))}
      {lineErrors.length ? (
        <ul className="text-destructive text-sm">
          {lineErrors.map(([k, m]) => (
            <li key={k}>
              Line {Number(k.split(".")[1]) + 1}: {m}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-center justify-between">
        <Button type="button" variant="outline" size="sm" onClick={() => setLines((ls) => [...ls, blank])}>
          <Plus /> Add line
        </Button>
        {canSeeAmounts ? <strong className="tabular-nums">Total {formatMoney(sumAmounts(amounts), currency)}</strong> : null}
      </div>
    </fieldset>
  );
}

/** Beside a line's quantity: the stock on hand in Xero, and a warning when the line asks for more. */
function StockHint({ product, quantity, line }: { product: ProductChoice | undefined; quantity: number; line: number }) {
  if (!product || product.quantityOnHand === null || product.quantityOnHand === undefined) return null;
  const onHand = Number(product.quantityOnHand);
  return quantity > onHand ? (
    <span role="alert" className="text-destructive text-xs" data-testid={`line-${line}-stock`}>
      Only {onHand} in stock
    </span>
  ) : (
    <span className="text-muted-foreground text-xs" data-testid={`line-${line}-stock`}>
      {onHand} in stock
    </span>
  );
}
