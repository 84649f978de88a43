import { adminApi } from "@/app/api/admin/admin-api";

export const GET = adminApi.bundle;
