import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

/** A complete production configuration: each test changes what it is about. */
const PRODUCTION = {
  LEDGERBRIDGE_MODE: "production",
  DATABASE_URL: "postgresql://u:p@ep-x.neon.tech/db",
  AUTH_SECRET: "x".repeat(40),
  APP_URL: "https://portal.example.com",
  SMTP_URL: "smtps://u:p@smtp.example.com:465",
  XERO_CLIENT_ID: "client",
  XERO_CLIENT_SECRET: "secret",
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
  INNGEST_EVENT_KEY: "evt",
  INNGEST_SIGNING_KEY: "signkey-prod-abc",
  XERO_WEBHOOK_KEY: "xero-webhook-key-from-the-portal",
};

describe("parseEnv", () => {
  it("picks the embedded default with no configuration: PGlite in DATA_DIR and a generated secret kept on disk", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lb-env-"));
    const env = parseEnv({ DATA_DIR: dir });
    expect(env.mode).toBe("embedded");
    expect(env.database).toEqual({ driver: "pglite", url: null, dataDir: path.join(dir, "pglite") });
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(env.authSecret);
    expect(parseEnv({ DATA_DIR: dir }).authSecret).toBe(env.authSecret);
    expect(env.appUrl).toBe("http://localhost:3000");
  });

  it("uses node-postgres for a plain Postgres URL and the Neon driver for Neon hosts", () => {
    expect(parseEnv({ VITEST: "1", DATABASE_URL: "postgres://127.0.0.1:5432/test" }).database.driver).toBe("pg");
    expect(parseEnv({ VITEST: "1", DATABASE_URL: "postgresql://u:p@ep-cool-1.eu-central-1.aws.neon.tech/db" }).database.driver).toBe("neon");
    expect(parseEnv({ VITEST: "1", DATABASE_URL: "postgres://127.0.0.1/test", DATABASE_DRIVER: "neon" }).database.driver).toBe("neon");
  });

  it("keeps tests in memory", () => {
    const env = parseEnv({ VITEST: "1" });
    expect(env.mode).toBe("test");
    expect(env.database).toMatchObject({ driver: "pglite", dataDir: null });
  });

  it("refuses production without its secrets and names each missing one", () => {
    try {
      parseEnv({ LEDGERBRIDGE_MODE: "production" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const text = (error as Error).message;
      for (const name of ["DATABASE_URL", "AUTH_SECRET", "APP_URL", "SMTP_URL", "XERO_CLIENT_ID", "TOKEN_ENCRYPTION_KEY", "INNGEST_SIGNING_KEY"]) expect(text).toContain(name);
    }
  });

  it("names the field and the fix for a malformed value", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET.*32 characters/);
  });

  it("accepts a complete production configuration", () => {
    const env = parseEnv(PRODUCTION);
    expect(env).toMatchObject({ mode: "production", appUrl: "https://portal.example.com", database: { driver: "neon" }, inngest: { isDev: false, runLocally: false } });
  });

  it("refuses production with INNGEST_DEV, which would turn off Inngest's request signatures", () => {
    const complete = PRODUCTION;
    expect(() => parseEnv({ ...complete, INNGEST_DEV: "1" })).toThrow(/INNGEST_DEV: must not be set in production/);
    expect(() => parseEnv({ ...complete, INNGEST_SIGNING_KEY: undefined, INNGEST_DEV: "1" })).toThrow(/INNGEST_SIGNING_KEY/);
    expect(parseEnv({ ...complete, INNGEST_BASE_URL: "http://inngest.internal:8288" }).inngest).toMatchObject({ isDev: false, baseUrl: "http://inngest.internal:8288" });
  });

  it("trusts a client address only from the proxy header the operator names", () => {
    expect(parseEnv({ VITEST: "1" }).trustedProxyIpHeader).toBeNull();
    expect(parseEnv({ VITEST: "1", TRUSTED_PROXY_IP_HEADER: "X-Real-IP" }).trustedProxyIpHeader).toBe("x-real-ip");
    expect(() => parseEnv({ VITEST: "1", TRUSTED_PROXY_IP_HEADER: "x real ip" })).toThrow(/TRUSTED_PROXY_IP_HEADER/);
  });
});

describe("parseEnv: which Xero", () => {
  it("starts the built-in sandbox in the embedded default, with its data in DATA_DIR", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lb-env-"));
    expect(parseEnv({ DATA_DIR: dir }).xero).toEqual({
      kind: "sandbox",
      url: "http://127.0.0.1:4010",
      clientId: "ledgerbridge-sandbox",
      clientSecret: "sandbox-secret",
      startSandbox: { port: 4010, dataFile: path.join(dir, "xero-sandbox.json") },
    });
    expect(parseEnv({ DATA_DIR: dir, XERO_SANDBOX_PORT: "4999" }).xero).toMatchObject({ url: "http://127.0.0.1:4999", startSandbox: { port: 4999 } });
  });

  it("uses a sandbox already running elsewhere, and real Xero with credentials", () => {
    expect(parseEnv({ VITEST: "1", XERO_SANDBOX_URL: "http://127.0.0.1:5555/" }).xero).toMatchObject({ kind: "sandbox", url: "http://127.0.0.1:5555", startSandbox: null });
    expect(parseEnv({ VITEST: "1", XERO_CLIENT_ID: "abc", XERO_CLIENT_SECRET: "def" }).xero).toEqual({ kind: "xero", clientId: "abc", clientSecret: "def" });
  });

  it("refuses production without Xero credentials", () => {
    expect(() =>
      parseEnv({ LEDGERBRIDGE_MODE: "production", DATABASE_URL: "postgresql://u:p@ep-x.neon.tech/db", AUTH_SECRET: "x".repeat(40), APP_URL: "https://p.example.com", SMTP_URL: "smtp://mail.example.com" }),
    ).toThrow(/XERO_CLIENT_ID and XERO_CLIENT_SECRET/);
  });
});
