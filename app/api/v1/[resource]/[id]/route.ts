import { deleteHandler, getHandler, updateHandler } from "@/lib/api/v1-handlers";

export const GET = getHandler;
export const PATCH = updateHandler;
export const DELETE = deleteHandler;
