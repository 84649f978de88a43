import { PageHeader } from "@/components/common/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <>
      <PageHeader title="Settings" description="Your organisation, its members and who may see money." />
      <SettingsTabs orgSlug={org} />
      <div className="mt-6">{children}</div>
    </>
  );
}
