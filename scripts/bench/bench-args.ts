import { parseArgs } from "node:util";

/**
 * Sizes for a benchmark from its command line (`npm run bench:import -- --rows 20000`): benchmarks
 * take flags, not environment variables, so lib/env.ts stays the only reader of the environment.
 * `switches` are on/off flags the benchmark also accepts (`--no-build`): read them with benchSwitch.
 */
export function benchSizes<K extends string>(defaults: Record<K, number>, switches: readonly string[] = []): Record<K, number> {
  const options = { ...Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: "string" as const }])), ...Object.fromEntries(switches.map((s) => [s, { type: "boolean" as const }])) };
  const { values } = parseArgs({ options, strict: true });
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

/** Whether an on/off flag (declared in benchSizes' `switches`) was given. */
export const benchSwitch = (name: string): boolean => process.argv.slice(2).includes(`--${name}`);
