export { startXeroSandbox, type RunningSandbox, type SandboxOptions } from "./server";
export { DEFAULT_APP, SANDBOX_USER } from "./sandbox";
export { DEMO_TENANTS } from "./seed/demo";
export { BENCH_TENANT } from "./seed/bench";
export { signWebhook } from "./webhooks";
export type { SandboxControl } from "./control/control";
