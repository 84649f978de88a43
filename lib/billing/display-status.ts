import { toCents } from "@/lib/crm/money";

/** The one status a person understands, the first that applies (issue 16), on every invoice in the portal and the API. */
export const DISPLAY_STATUSES = ["Voided", "Paid", "Draft", "Awaiting approval", "Overdue", "Part paid", "Viewed", "Sent", "Approved"] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export interface StatusFacts {
  status: string;
  dueDate: string | null;
  amountDue: string;
  amountPaid: string;
  sentToContact: boolean;
  sentAt: Date | null;
  viewedAt: Date | null;
}

/** `today` is the organisation's date (YYYY-MM-DD in its timezone): an invoice due today is not overdue yet. */
export function displayStatusOf(i: StatusFacts, today: string): DisplayStatus {
  if (i.status === "VOIDED" || i.status === "DELETED") return "Voided";
  if (i.status === "PAID") return "Paid";
  if (i.status === "DRAFT") return "Draft";
  if (i.status === "SUBMITTED") return "Awaiting approval";
  const due = toCents(i.amountDue) > 0;
  if (due && i.dueDate && i.dueDate < today) return "Overdue";
  if (due && toCents(i.amountPaid) > 0) return "Part paid";
  if (i.viewedAt) return "Viewed";
  if (i.sentToContact || i.sentAt) return "Sent";
  return "Approved";
}
