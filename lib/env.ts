import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Every setting is validated here and the runtime mode is
 * picked here, so the rest of the code asks `getEnv()` and never guesses.
 *
 * Modes (design.md): `embedded` needs no configuration at all (PGlite in DATA_DIR, dev mailbox,
 * a generated auth secret); `production` refuses to start without its secrets; `test` is the
 * embedded mode with an in-memory database unless DATABASE_URL points at a real Postgres.
 */
/** Days of history to keep: at least one, at most ten years. */
const retentionDays = (name: string) => z.coerce.number().int(`${name} must be a whole number of days`).min(1, `${name} must be at least 1 day`).max(3650, `${name} can be at most 3650 days`).optional();

const rawSchema = z.object({
  LEDGERBRIDGE_MODE: z.enum(["embedded", "production", "test"]).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_DRIVER: z.enum(["neon", "pg"]).optional(),
  DATA_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  APP_URL: z.url("APP_URL must be a full URL such as https://portal.example.com").optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  NEXT_PHASE: z.string().optional(),
  NODE_ENV: z.string().optional(),
  XERO_CLIENT_ID: z.string().min(1).optional(),
  XERO_CLIENT_SECRET: z.string().min(1).optional(),
  XERO_SANDBOX_URL: z.url("XERO_SANDBOX_URL must be a full URL such as http://127.0.0.1:4010").optional(),
  XERO_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "TOKEN_ENCRYPTION_KEY must be 32 bytes in base64 (try: openssl rand -base64 32)")
    .optional(),
  TOKEN_ENCRYPTION_OLD_KEYS: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.url("INNGEST_BASE_URL must be a full URL, such as http://inngest.internal:8288").optional(),
  TRUSTED_PROXY_IP_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "TRUSTED_PROXY_IP_HEADER must be a header name, such as x-real-ip or x-forwarded-for")
    .optional(),
  XERO_WEBHOOK_KEY: z.string().min(10, "XERO_WEBHOOK_KEY must be the webhook key Xero shows for your app").optional(),
  XERO_DAILY_CALL_BUDGET: z.coerce.number().int().min(1, "XERO_DAILY_CALL_BUDGET must be at least 1").optional(),
  RETENTION_REQUEST_LOG_DAYS: retentionDays("RETENTION_REQUEST_LOG_DAYS"),
  RETENTION_WEBHOOK_EVENTS_DAYS: retentionDays("RETENTION_WEBHOOK_EVENTS_DAYS"),
  RETENTION_SYNCED_OUTBOX_DAYS: retentionDays("RETENTION_SYNCED_OUTBOX_DAYS"),
  RETENTION_SYNC_LOG_DAYS: retentionDays("RETENTION_SYNC_LOG_DAYS"),
});

export type RuntimeMode = "embedded" | "production" | "test";
export type DatabaseDriver = "pglite" | "pg" | "neon";

export interface AppEnv {
  mode: RuntimeMode;
  database: { driver: DatabaseDriver; url: string | null; dataDir: string | null };
  dataDir: string;
  authSecret: string;
  appUrl: string;
  mail: { smtpUrl: string | null; from: string };
  logLevel: string;
  /** `next build` evaluates server modules while prerendering: nothing may touch the database then. */
  isBuildPhase: boolean;
  /** `next dev`: React needs eval for its debugging aids, so the CSP allows it there only. */
  isDevServer: boolean;
  /**
   * Which Xero: the real one (production, with the app's credentials), or the built-in sandbox,
   * started with the app in the embedded default (startSandbox) or already running elsewhere.
   */
  /** Inngest: Cloud (keys) in production; dev mode elsewhere, where the local driver runs the functions. */
  inngest: {
    isDev: boolean;
    /** A self-hosted Inngest server; unset: Inngest Cloud. */
    baseUrl: string | undefined;
    eventKey: string | undefined;
    signingKey: string | undefined;
    /** No Inngest server at all (embedded default, tests): this process runs the functions itself. */
    runLocally: boolean;
  };
  /**
   * The request header the operator's proxy sets to the client's address (lower case), or null:
   * then no address is trusted, since a client can send any X-Forwarded-For it likes.
   */
  trustedProxyIpHeader: string | null;
  /** The key Xero signs webhooks with; the embedded default makes one and gives it to its sandbox. */
  xeroWebhookKey: string;
  /**
   * How many days the sync's history is kept (a nightly job prunes older rows): Xero's request log,
   * processed webhook events, settled outbox rows (the newest of each record stays), the sync log.
   */
  retentionDays: { requestLog: number; webhookEvents: number; syncedOutbox: number; syncLog: number };
  /** Per Xero organisation: 5 in flight and 60 a minute are Xero's; the day budget is the plan's (5,000, or 1,000 on Starter). */
  xeroLimits: { concurrent: number; perMinute: number; perDay: number };
  /** AES-256-GCM keys for tokens at rest: the current one seals, all of them open (rotation). */
  tokenKeys: { current: Buffer; old: Buffer[]; generatedFile: string | null };
  xero:
    | { kind: "xero"; clientId: string; clientSecret: string }
    | { kind: "sandbox"; url: string; clientId: string; clientSecret: string; startSandbox: { port: number; dataFile: string } | null };
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "EnvError";
  }
}

function pickMode(raw: z.infer<typeof rawSchema>, source: Record<string, string | undefined>): RuntimeMode {
  if (raw.LEDGERBRIDGE_MODE) return raw.LEDGERBRIDGE_MODE;
  if (source.VITEST) return "test";
  return "embedded";
}

function pickDriver(raw: z.infer<typeof rawSchema>): DatabaseDriver {
  if (!raw.DATABASE_URL) return "pglite";
  if (raw.DATABASE_DRIVER) return raw.DATABASE_DRIVER;
  // Neon's hosts speak only its WebSocket/HTTP proxy protocol in the serverless driver's favour.
  return /\.neon\.tech(:\d+)?\//.test(raw.DATABASE_URL) ? "neon" : "pg";
}

/** The embedded default keeps a generated secret in DATA_DIR so sessions survive a restart. */
function embeddedSecret(dataDir: string): string {
  return embeddedFileSecret(dataDir, "auth-secret");
}

function embeddedFileSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const mode = pickMode(raw, source);
  const driver = pickDriver(raw);
  // The data folder is chosen at run time; tell the bundler not to trace the filesystem for it.
  const dataDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), raw.DATA_DIR ?? ".data");

  if (mode === "production") {
    const missing: string[] = [];
    // Dev mode turns off the SDK's signature check on /api/inngest: anyone could run a job step.
    if (raw.INNGEST_DEV !== undefined && raw.INNGEST_DEV !== "" && raw.INNGEST_DEV !== "0") {
      missing.push("INNGEST_DEV: must not be set in production (it turns off Inngest's request signatures). For a self-hosted Inngest server set INNGEST_BASE_URL with its INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY");
    }
    if (!raw.INNGEST_EVENT_KEY || !raw.INNGEST_SIGNING_KEY) {
      missing.push("INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY: required in production for background jobs (Inngest Cloud, or a self-hosted server at INNGEST_BASE_URL)");
    }
    if (!raw.TOKEN_ENCRYPTION_KEY) missing.push("TOKEN_ENCRYPTION_KEY: required in production to encrypt Xero tokens (openssl rand -base64 32)");
    if (!raw.XERO_WEBHOOK_KEY) missing.push("XERO_WEBHOOK_KEY: required in production to verify Xero's webhooks (Xero developer portal -> your app -> Webhooks)");
    if (!raw.XERO_CLIENT_ID || !raw.XERO_CLIENT_SECRET) missing.push("XERO_CLIENT_ID and XERO_CLIENT_SECRET: required in production (your Xero app's credentials)");
    if (!raw.DATABASE_URL) missing.push("DATABASE_URL: required in production (your Neon connection string)");
    if (!raw.AUTH_SECRET) missing.push("AUTH_SECRET: required in production (openssl rand -base64 32)");
    if (!raw.APP_URL) missing.push("APP_URL: required in production (the portal's public URL)");
    if (!raw.SMTP_URL) missing.push("SMTP_URL: required in production so invitations can be emailed");
    if (missing.length) throw new EnvError(missing);
  }

  const authSecret =
    raw.AUTH_SECRET ?? (mode === "test" ? "test-secret-test-secret-test-secret-0" : embeddedSecret(dataDir));
  const pgliteDir = mode === "test" ? null : path.join(dataDir, "pglite");

  return {
    mode,
    database: { driver, url: raw.DATABASE_URL ?? null, dataDir: driver === "pglite" ? pgliteDir : null },
    dataDir,
    authSecret,
    appUrl: raw.APP_URL ?? `http://localhost:${raw.PORT ?? 3000}`,
    mail: { smtpUrl: raw.SMTP_URL ?? null, from: raw.MAIL_FROM ?? "Ledgerbridge <no-reply@ledgerbridge.local>" },
    logLevel: raw.LOG_LEVEL ?? (mode === "test" ? "silent" : "info"),
    isBuildPhase: raw.NEXT_PHASE === "phase-production-build",
    isDevServer: raw.NODE_ENV === "development",
    xero: pickXero(raw, mode, dataDir),
    tokenKeys: pickTokenKeys(raw, mode, dataDir),
    inngest: {
      isDev: mode !== "production",
      baseUrl: raw.INNGEST_BASE_URL,
      eventKey: raw.INNGEST_EVENT_KEY,
      signingKey: raw.INNGEST_SIGNING_KEY,
      runLocally: mode !== "production" && raw.INNGEST_DEV !== "1",
    },
    trustedProxyIpHeader: raw.TRUSTED_PROXY_IP_HEADER?.toLowerCase() ?? null,
    xeroWebhookKey: raw.XERO_WEBHOOK_KEY ?? (mode === "test" ? "test-webhook-key-0123456789" : embeddedFileSecret(dataDir, "xero-webhook-key")),
    xeroLimits: { concurrent: 5, perMinute: 60, perDay: raw.XERO_DAILY_CALL_BUDGET ?? 5000 },
    retentionDays: { requestLog: raw.RETENTION_REQUEST_LOG_DAYS ?? 30, webhookEvents: raw.RETENTION_WEBHOOK_EVENTS_DAYS ?? 14, syncedOutbox: raw.RETENTION_SYNCED_OUTBOX_DAYS ?? 90, syncLog: raw.RETENTION_SYNC_LOG_DAYS ?? 400 },
  };
}

function pickTokenKeys(raw: z.infer<typeof rawSchema>, mode: RuntimeMode, dataDir: string): AppEnv["tokenKeys"] {
  const old = (raw.TOKEN_ENCRYPTION_OLD_KEYS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, "base64"));
  if (raw.TOKEN_ENCRYPTION_KEY) return { current: Buffer.from(raw.TOKEN_ENCRYPTION_KEY, "base64"), old, generatedFile: null };
  if (mode === "test") return { current: Buffer.alloc(32, 7), old, generatedFile: null };
  // The embedded default makes its own key once and keeps it beside the data it protects.
  const file = path.join(dataDir, "token-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return { current: Buffer.from(readFileSync(file, "utf8").trim(), "base64"), old, generatedFile: file };
}

function pickXero(raw: z.infer<typeof rawSchema>, mode: RuntimeMode, dataDir: string): AppEnv["xero"] {
  if (raw.XERO_CLIENT_ID && raw.XERO_CLIENT_SECRET) return { kind: "xero", clientId: raw.XERO_CLIENT_ID, clientSecret: raw.XERO_CLIENT_SECRET };
  // The sandbox's default registered app (xero-sandbox/sandbox.ts).
  const app = { clientId: "ledgerbridge-sandbox", clientSecret: "sandbox-secret" };
  if (raw.XERO_SANDBOX_URL) return { kind: "sandbox", url: raw.XERO_SANDBOX_URL.replace(/\/$/, ""), ...app, startSandbox: null };
  const port = raw.XERO_SANDBOX_PORT ?? 4010;
  return {
    kind: "sandbox",
    url: `http://127.0.0.1:${port}`,
    ...app,
    startSandbox: mode === "embedded" ? { port, dataFile: path.join(dataDir, "xero-sandbox.json") } : null,
  };
}

let cached: AppEnv | undefined;

export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Tests start a sandbox Xero on a free port and point the app at it. Refused outside test mode,
 * so production configuration can only come from the validated environment.
 */
export function overrideEnvForTests(patch: Partial<AppEnv>): void {
  const env = getEnv();
  if (env.mode !== "test") throw new Error("overrideEnvForTests is for tests only");
  cached = { ...env, ...patch };
}

/**
 * The environment a child process of ours runs with (next build, next start in the benches): this
 * process's own, with the overrides on top. The one place outside parseEnv that reads process.env.
 */
export function childProcessEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
