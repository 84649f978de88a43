import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_TENANTS, startXeroSandbox } from "../index";
import { connect, xeroFor } from "./helpers";

describe("sandbox persistence (the embedded default keeps its Xero under .data/)", () => {
  it("keeps books, exchange rates, consents and signing key across a restart", async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), "sbx-")), "xero-sandbox.json");
    const first = await startXeroSandbox({ seed: "demo", dataFile });
    const xero = xeroFor(first);
    const { tokenSet } = await connect(first, xero);
    const name = `Survives Restart ${Date.now()}`;
    await xero.accountingApi.createContacts(DEMO_TENANTS.us, { contacts: [{ name }] });
    first.control.setExchangeRate(DEMO_TENANTS.uk, "EUR", "2024-03-10", 1.1625);
    await first.close();
    // It holds the webhook key and issued tokens: readable by its owner only (even over a stale temp file).
    expect(statSync(dataFile).mode & 0o777).toBe(0o600);
    writeFileSync(`${dataFile}.tmp`, "stale", { mode: 0o644 });

    const second = await startXeroSandbox({ seed: "empty", dataFile, port: 0 });
    try {
      const again = xeroFor(second);
      // The refresh token issued before the restart still works, and the contact is still there.
      await again.refreshWithRefreshToken("ledgerbridge-sandbox", "sandbox-secret", tokenSet.refresh_token!);
      const found = await again.accountingApi.getContacts(DEMO_TENANTS.us, undefined, undefined, undefined, undefined, 1, false, false, name);
      expect(found.body.contacts).toHaveLength(1);
      expect(second.control.exchangeRates(DEMO_TENANTS.uk).rates.EUR["2024-03-10"]).toBe(1.1625);
      second.sandbox.saveNow();
      expect(statSync(dataFile).mode & 0o777).toBe(0o600);
    } finally {
      await second.close();
    }
  });
});
