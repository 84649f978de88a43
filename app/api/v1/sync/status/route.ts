import { syncStatusHandler } from "@/lib/api/v1-billing-handlers";

export const GET = syncStatusHandler;
