import { notFound } from "next/navigation";
import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { PageHeader } from "@/components/common/page-header";
import { ProductForm } from "@/components/crm/product-form";
import { getDb } from "@/db";
import { getProduct, stockOfProduct } from "@/lib/crm/products";
import { findOr404 } from "@/lib/tenancy/find-or-404";
import { requireOrg } from "@/lib/tenancy/require-org";
import { archiveProductAction } from "../actions";

export default async function ProductPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await requireOrg(slug);
  if (ctx.role === "sales") notFound();
  const product = await findOr404(() => getProduct(getDb(), ctx.org.id, id), id);
  const stock = await stockOfProduct(getDb(), ctx.org.id, id);
  return (
    <>
      <PageHeader
        title={`${product.code} · ${product.name}`}
        description={stock.tracked ? `Stock on hand in Xero: ${stock.quantityOnHand ?? "unknown"}${product.lowStockThreshold !== null ? ` (low below ${product.lowStockThreshold})` : ""}` : undefined}
        actions={
          product.archivedAt ? null : (
            <ConfirmActionButton
              action={archiveProductAction}
              orgSlug={slug}
              hidden={{ id }}
              label="Archive"
              title={`Archive ${product.code}?`}
              description="It disappears from product lists and pickers. Deals that use it keep their lines; its Xero item stays as it is (past invoices use it)."
              confirmLabel="Archive product"
            />
          )
        }
      />
      <ProductForm orgSlug={slug} product={product} baseCurrency={ctx.org.baseCurrency} />
    </>
  );
}
