import { dealQuoteHandler } from "@/lib/api/v1-billing-handlers";

export const POST = dealQuoteHandler;
