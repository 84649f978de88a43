import type { MemberRole } from "@/db/schema";

export const ALERT_KINDS = ["invoice.overdue", "payment.received", "leakage.digest", "xero.attention", "subscription.unpaid", "health.check"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertKindInfo {
  label: string;
  /** One sentence on the settings page: when it is raised and who gets it. */
  description: string;
  /** Who may receive it: members with these roles, or the owner of the deal concerned. */
  audience: MemberRole[] | "deal_owner";
  defaults: { inApp: boolean; email: boolean };
}

/**
 * Every alert the portal raises. Defaults lean quiet on email for the frequent ones and loud for
 * the ones that stop money moving (a dead Xero connection, money never billed).
 */
export const ALERT_KIND_INFO: Record<AlertKind, AlertKindInfo> = {
  "invoice.overdue": {
    label: "Overdue invoices",
    description: "Each morning, the invoices that moved into an ageing stage (1-30, 31-60, 61-90, over 90 days past due): once per invoice per stage.",
    audience: ["owner", "admin", "finance"],
    defaults: { inApp: true, email: false },
  },
  "payment.received": {
    label: "Payment received",
    description: "A payment recorded in Xero against an invoice of one of your deals, as soon as the sync sees it.",
    audience: "deal_owner",
    defaults: { inApp: true, email: false },
  },
  "leakage.digest": {
    label: "New revenue leakage",
    description: "Each morning, won deals that newly have no invoice or an invoice that does not match (the leakage report), in one digest.",
    audience: ["owner", "admin", "finance"],
    defaults: { inApp: true, email: true },
  },
  "subscription.unpaid": {
    label: "Subscription payment failed",
    description: "An invoice a subscription's run made is unpaid past its due date: once per invoice, to finance and to the customer's owner.",
    // Sales members only as the customer's owner (the alert names its recipients).
    audience: ["owner", "admin", "finance", "sales"],
    defaults: { inApp: true, email: true },
  },
  "health.check": {
    label: "Monthly data health check",
    description: "Once a month (and when someone runs it): records failing to sync, duplicates, won deals without an invoice, unmapped products, incomplete customers, and three invoices checked against Xero.",
    audience: ["owner", "admin", "finance"],
    defaults: { inApp: true, email: true },
  },
  "xero.attention": {
    label: "Xero connection needs attention",
    description: "The Xero connection needs re-authorising or was disconnected, so syncing is paused.",
    audience: ["owner", "admin"],
    defaults: { inApp: true, email: true },
  },
};

export const isAlertKind = (value: string): value is AlertKind => (ALERT_KINDS as readonly string[]).includes(value);

export function mayReceive(kind: AlertKind, role: MemberRole): boolean {
  const audience = ALERT_KIND_INFO[kind].audience;
  // Any member can own a deal.
  return audience === "deal_owner" || audience.includes(role);
}
