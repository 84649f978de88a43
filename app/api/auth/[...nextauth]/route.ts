import { handlers } from "@/lib/auth/auth";
import { withSecurityHeaders } from "@/lib/http/security-headers";

export const { GET } = handlers;

/** Sign-in and sign-out posts carry a body, so the proxy skips them: the headers are added here. */
export const POST = async (request: Parameters<typeof handlers.POST>[0]) => withSecurityHeaders(await handlers.POST(request));
