import { adminApi } from "@/app/api/admin/admin-api";

export const POST = adminApi.resync;
