import { listInvoicesHandler } from "@/lib/api/v1-billing-handlers";

export const GET = listInvoicesHandler;
