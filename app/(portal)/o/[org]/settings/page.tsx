import { ProfileForm } from "@/components/settings/profile-form";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can } from "@/lib/tenancy/roles";

export default async function ProfileSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrg((await params).org);
  const timezones = ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return (
    <ProfileForm
      canEdit={can(ctx.role, "org:manage")}
      timezones={timezones}
      values={{
        name: ctx.org.name,
        slug: ctx.org.slug,
        baseCurrency: ctx.org.baseCurrency,
        country: ctx.org.country,
        timezone: ctx.org.timezone,
        monthlyRevenueGoal: ctx.org.monthlyRevenueGoal,
        defaultPaymentTermDays: ctx.org.defaultPaymentTermDays,
      }}
    />
  );
}
