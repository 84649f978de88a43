import { SectionTabs } from "@/components/common/section-tabs";

const TABS = [
  { label: "Profile", segment: "" },
  { label: "Members", segment: "members" },
  { label: "Integrations", segment: "integrations" },
  { label: "Invoicing", segment: "invoicing" },
  { label: "Financial visibility", segment: "visibility" },
  { label: "Pipeline", segment: "pipeline" },
  { label: "Marketing spend", segment: "marketing-spend" },
  { label: "Alerts", segment: "alerts" },
  { label: "API keys", segment: "api-keys" },
];

export function SettingsTabs({ orgSlug }: { orgSlug: string }) {
  return <SectionTabs base={`/o/${orgSlug}/settings`} tabs={TABS} label="Settings" />;
}
