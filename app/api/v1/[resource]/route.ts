import { createHandler, listHandler } from "@/lib/api/v1-handlers";

export const GET = listHandler;
export const POST = createHandler;
