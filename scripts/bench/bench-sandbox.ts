// npm run bench:sandbox: how fast the sandbox serves 1000-record pages from a 50,000-invoice
// organisation, against a trivial call measured in the same run. Prints `key: value` lines.
import { BENCH_TENANT, startXeroSandbox } from "@/xero-sandbox";
import { connect, xeroFor } from "@/xero-sandbox/test/helpers";
import { benchSizes } from "./bench-args";

const { invoices: INVOICES, contacts: CONTACTS } = benchSizes({ invoices: 50_000, contacts: 10_000 });
const ROUNDS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const seedStart = performance.now();
const sandbox = await startXeroSandbox({ seed: "bench", bench: { contacts: CONTACTS, invoices: INVOICES }, limits: { perMinute: 1e9, perDay: 1e9, appPerMinute: 1e9, concurrent: 100 } });
const seedMs = performance.now() - seedStart;
const xero = xeroFor(sandbox);
await connect(sandbox, xero);
const headers = { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": BENCH_TENANT, accept: "application/json" };

async function timed(path: string): Promise<{ ms: number; bytes: number; count: number }> {
  const t = performance.now();
  const res = await fetch(`${sandbox.url}/api.xro/2.0/${path}`, { headers });
  const text = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  const body = JSON.parse(text);
  return { ms, bytes: Buffer.byteLength(text), count: (body.Invoices ?? body.Currencies ?? []).length };
}

// Warm up (JIT, the sorted index), then measure.
await timed("Currencies");
await timed("Invoices?page=1&pageSize=1000");
const baseline: number[] = [];
const pages: { ms: number; bytes: number; count: number }[] = [];
const pageCount = Math.ceil(INVOICES / 1000);
for (let r = 0; r < ROUNDS; r++) {
  baseline.push((await timed("Currencies")).ms);
  for (const page of [1, Math.ceil(pageCount / 2), pageCount]) pages.push(await timed(`Invoices?page=${page}&pageSize=1000`));
}
const since = new Date(Date.now() - 3_600_000).toISOString();
const ims: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t = performance.now();
  const res = await fetch(`${sandbox.url}/api.xro/2.0/Invoices?page=1&pageSize=1000`, { headers: { ...headers, "if-modified-since": since } });
  await res.text();
  ims.push(performance.now() - t);
}
await sandbox.close();

const pageMs = median(pages.map((p) => p.ms));
const records = pages[0].count;
const bytes = median(pages.map((p) => p.bytes));
console.log(`seed_invoices: ${INVOICES}`);
console.log(`seed_contacts: ${CONTACTS}`);
console.log(`seed_ms: ${seedMs.toFixed(0)}`);
console.log(`baseline_trivial_call_ms: ${median(baseline).toFixed(2)}`);
console.log(`page_1000_ms: ${pageMs.toFixed(2)}`);
console.log(`page_1000_records: ${records}`);
console.log(`page_1000_bytes: ${bytes}`);
console.log(`page_vs_baseline: ${(pageMs / median(baseline)).toFixed(1)}x`);
console.log(`records_per_second: ${Math.round((records / pageMs) * 1000)}`);
console.log(`if_modified_since_page_ms: ${median(ims).toFixed(2)}`);
console.log(`calls_for_full_pull: ${pageCount}`);
console.log(`summary: a 1000-invoice page of ${INVOICES} takes ${pageMs.toFixed(1)} ms (${(pageMs / median(baseline)).toFixed(1)}x a trivial call), ${Math.round((records / pageMs) * 1000)} records/s; a full pull is ${pageCount} calls`);
