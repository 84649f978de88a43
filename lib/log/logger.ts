import pino from "pino";
import { getEnv } from "@/lib/env";
import { safeError } from "./safe-error";

/**
 * Paths whose values never reach a log line. Tokens, keys and passwords may sit at any depth in
 * an object we log (a Xero answer, a request), so the common names are redacted at every depth.
 */
export const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "idToken",
  "id_token",
  "authorization",
  "Authorization",
  "cookie",
  "secret",
  "clientSecret",
  "apiKey",
  "tokenHash",
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: getEnv().logLevel,
      base: { app: "ledgerbridge" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      // Every `err` goes through safeError: a database error is logged by its shape, never its values.
      serializers: { err: safeError },
    },
    destination,
  );
}

const store = globalThis as unknown as { __ledgerbridgeLogger?: pino.Logger };

export function getLogger(): pino.Logger {
  store.__ledgerbridgeLogger ??= createLogger();
  return store.__ledgerbridgeLogger;
}
