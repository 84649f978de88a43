import { reportHandler } from "@/lib/api/v1-report-handlers";

export const GET = reportHandler;
