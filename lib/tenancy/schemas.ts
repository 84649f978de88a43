import { z } from "zod";
import { ROLES } from "./roles";

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address, like name@company.com."));

export const roleSchema = z.enum(ROLES as [string, ...string[]], { error: "Choose a role: owner, admin, finance or sales." }) as unknown as z.ZodType<
  "owner" | "admin" | "finance" | "sales"
>;

export const organizationNameSchema = z
  .string({ error: "Enter the organisation's name." })
  .trim()
  .min(2, "Use at least 2 characters for the organisation's name.")
  .max(80, "Use at most 80 characters for the organisation's name.");

const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;

export const organizationProfileSchema = z.object({
  name: organizationNameSchema,
  baseCurrency: z.string().trim().toUpperCase().regex(CURRENCY, "Use a 3-letter ISO currency code, like USD or GBP."),
  country: z.string().trim().toUpperCase().regex(COUNTRY, "Use a 2-letter ISO country code, like US or GB."),
  timezone: z
    .string()
    .trim()
    .refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", "Choose a time zone from the list, like Europe/London."),
  monthlyRevenueGoal: z
    .string()
    .trim()
    // A plain decimal only: "12,50" is neither 1250 nor 12.5 for certain, so it is refused, not guessed.
    .refine((v) => v === "" || /^\d{1,12}(\.\d{1,2})?$/.test(v), "Enter an amount like 25000 or 25000.50 (no commas), or leave it empty.")
    .transform((v) => (v === "" ? null : v)),
  defaultPaymentTermDays: z
    .string({ error: "Enter the default payment terms in days, like 30." })
    .trim()
    .regex(/^\d{1,3}$/, "Enter the default payment terms as a whole number of days, like 30.")
    .transform(Number)
    .pipe(z.number().max(365, "Use at most 365 days.")),
});

export const inviteMemberSchema = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ userId: z.uuid("Pick a member."), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.uuid("Pick a member.") });
export const memberVisibilitySchema = z.object({
  userId: z.uuid("Pick a member."),
  canSeeAmounts: z.enum(["inherit", "allow", "deny"], { error: "Choose inherit, allow or deny." }),
});
export const orgVisibilitySchema = z.object({
  salesCanSeeAmounts: z.enum(["on", "off"]).default("off"),
});
