import { listPaymentsHandler } from "@/lib/api/v1-billing-handlers";

export const GET = listPaymentsHandler;
