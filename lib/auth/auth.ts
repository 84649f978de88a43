import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { ensureDatabaseReady, getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";
import { authenticate } from "./authenticate";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class LockedOut extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

function clientIp(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

/**
 * Email + password sign-in with JWT sessions (the credentials provider cannot use database
 * sessions). The session carries only the user id: every request re-reads the user and the
 * membership from Postgres, so a removed member or a revoked platform admin loses access at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getEnv().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    error: (error) => {
      // A wrong password is an expected outcome, already answered on the form: not an error to log.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      getLogger().warn({ err: { name: error.name, message: error.message } }, "auth error");
    },
    warn: (code) => getLogger().warn({ code }, "auth warning"),
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        await ensureDatabaseReady();
        const result = await authenticate(getDb(), parsed.data.email, parsed.data.password, clientIp(request));
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
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));
