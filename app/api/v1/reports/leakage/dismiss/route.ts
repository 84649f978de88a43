import { dismissLeakageHandler } from "@/lib/api/v1-report-handlers";

export const POST = dismissLeakageHandler;
