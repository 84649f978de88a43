import { SectionTabs } from "@/components/common/section-tabs";

/** The platform admin's sections. */
export function AdminNav() {
  return (
    <SectionTabs
      base="/admin"
      label="Platform admin"
      tabs={[
        { label: "Tenants", segment: "" },
        { label: "Xero health", segment: "xero-health" },
        { label: "API tokens", segment: "tokens" },
        { label: "Audit", segment: "audit" },
        { label: "API docs", segment: "api-docs" },
      ]}
    />
  );
}
