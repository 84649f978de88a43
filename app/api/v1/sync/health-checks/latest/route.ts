import { latestHealthCheckHandler } from "@/lib/api/v1-health-handlers";

export const GET = latestHealthCheckHandler;
