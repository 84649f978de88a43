import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { ensureDatabaseReady, getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { trustedClientIp } from "@/lib/http/client-ip";
import { nulCharacterProblems } from "@/lib/validation";
import { authenticate } from "./authenticate";
import { safeCallbackUrl } from "./safe-callback-url";
import { createSession, revokeSession, SESSION_DAYS } from "./sessions";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class LockedOut extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/**
 * Email + password sign-in. The credentials provider only works with JWT cookies, so the cookie
 * carries the user id and the id of a server-side session row (lib/auth/sessions.ts): every request
 * re-reads the session, the user and the membership from Postgres, so signing out, a password
 * change or removal ends access at once, not when the JWT would expire.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getEnv().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_DAYS * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    error: (error) => {
      // A wrong password is an expected outcome, already answered on the form: not an error to log.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      getLogger().warn({ err: error }, "auth error");
    },
    warn: (code) => getLogger().warn({ code }, "auth warning"),
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success || nulCharacterProblems(parsed.data).length) throw new InvalidCredentials();
        await ensureDatabaseReady();
        const result = await authenticate(getDb(), parsed.data.email, parsed.data.password, trustedClientIp(request?.headers));
        if (result.ok) return { id: result.user.id, name: result.user.name, email: result.user.email };
        if (result.reason === "locked") {
          const locked = new LockedOut();
          locked.code = `locked:${result.minutes}`;
          throw locked;
        }
        throw new InvalidCredentials();
      },
    }),
  ],
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await revokeSession(getDb(), sid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      // Only at sign-in is `user` set: that is when the server-side session is born.
      if (user?.id) {
        token.uid = user.id;
        token.sid = await createSession(getDb(), user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") (session as typeof session & { sessionId?: string }).sessionId = token.sid;
      return session;
    },
    // Every redirect Auth.js makes goes through the same same-origin check as the sign-in form.
    redirect({ url, baseUrl }) {
      return new URL(safeCallbackUrl(url, "/", baseUrl), baseUrl).toString();
    },
  },
}));
