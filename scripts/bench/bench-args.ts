import { parseArgs } from "node:util";

/**
 * Sizes for a benchmark from its command line (`npm run bench:import -- --rows 20000`): benchmarks
 * take flags, not environment variables, so lib/env.ts stays the only reader of the environment.
 */
export function benchSizes<K extends string>(defaults: Record<K, number>): Record<K, number> {
  const { values } = parseArgs({ options: Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: "string" as const }])), strict: true });
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as K[]) {
    const raw = values[key];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} must be a whole number above 0, got ${String(raw)}`);
    out[key] = n;
  }
  return out;
}
