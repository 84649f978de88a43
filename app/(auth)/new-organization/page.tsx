import type { Metadata } from "next";
import { NewOrganizationForm } from "@/components/auth/new-organization-form";
import { requireSessionUser } from "@/lib/auth/session-user";

export const metadata: Metadata = { title: "New organisation" };

export default async function NewOrganizationPage() {
  await requireSessionUser("/new-organization");
  return <NewOrganizationForm />;
}
