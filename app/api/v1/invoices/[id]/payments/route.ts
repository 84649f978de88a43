import { invoicePaymentHandler } from "@/lib/api/v1-billing-handlers";

export const POST = invoicePaymentHandler;
