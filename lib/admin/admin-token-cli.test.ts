import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), "admin-token-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The script as a newcomer runs it on a fresh clone: its own embedded database, nothing migrated or seeded yet. */
const adminToken = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "scripts/admin-token.ts", ...args], { cwd: process.cwd(), env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LEDGERBRIDGE_MODE: "embedded" } as unknown as NodeJS.ProcessEnv, timeout: 120_000 });

describe("npm run admin:token", () => {
  it("on a fresh database, migrates, seeds the demo admin and prints a new token as the last line; refuses an unknown email", async () => {
    const { stdout } = await adminToken("--email", "admin@ledgerbridge.test");
    const lines = stdout.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^lba_[A-Za-z0-9_-]{43}$/);
    const again = await adminToken("--email", "ADMIN@ledgerbridge.test", "--name", "second");
    expect(again.stdout.trim().split("\n").at(-1)).not.toBe(lines.at(-1));
    await expect(adminToken("--email", "nobody@example.test")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("No user with the email nobody@example.test") });
    await expect(adminToken()).rejects.toMatchObject({ code: 2 });
  }, 180_000);
});
