import { notFound } from "next/navigation";
import { PageHeader } from "@/components/common/page-header";
import { ProductForm } from "@/components/crm/product-form";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function NewProductPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  if (ctx.role === "sales") notFound();
  return (
    <>
      <PageHeader title="New product" />
      <ProductForm orgSlug={slug} baseCurrency={ctx.org.baseCurrency} />
    </>
  );
}
