// npm run xero:sandbox -- [--port 4010] [--seed demo|empty|bench] [--contacts N --invoices N] [--data-file PATH]
import { parseArgs } from "node:util";
import { startXeroSandbox } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    seed: { type: "string", default: "demo" },
    contacts: { type: "string", default: "10000" },
    invoices: { type: "string", default: "50000" },
    "data-file": { type: "string" },
  },
});

const port = Number(values.port);
const seed = values.seed as "demo" | "empty" | "bench";
const problems: string[] = [];
if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`--port must be a number from 0 to 65535 (got ${values.port})`);
if (!["demo", "empty", "bench"].includes(seed)) problems.push(`--seed must be demo, empty or bench (got ${values.seed})`);
const contacts = Number(values.contacts);
const invoices = Number(values.invoices);
if (seed === "bench" && (!Number.isInteger(contacts) || contacts < 1 || !Number.isInteger(invoices) || invoices < 0)) problems.push("--contacts must be 1 or more and --invoices 0 or more");
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(2);
}

const running = await startXeroSandbox({ port, seed, bench: { contacts, invoices }, dataFile: values["data-file"] ?? null });
console.log(`Xero sandbox listening on ${running.url}`);
console.log(`  control plane: ${running.url}/__sandbox   client id: ledgerbridge-sandbox   secret: sandbox-secret`);
const stop = () => void running.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
