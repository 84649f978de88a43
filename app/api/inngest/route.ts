import { inngestRouteHandlers } from "@/inngest/serve-handler";

export const { GET, POST, PUT } = inngestRouteHandlers();
