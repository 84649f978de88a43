import { redirect } from "next/navigation";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function ReportsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  await requireOrg(slug);
  redirect(`/o/${slug}/reports/revenue`);
}
