import { listQuotesHandler } from "@/lib/api/v1-billing-handlers";

export const GET = listQuotesHandler;
