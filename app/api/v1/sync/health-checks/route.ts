import { runHealthCheckHandler } from "@/lib/api/v1-health-handlers";

export const POST = runHealthCheckHandler;
