export async function register() {
  // Next compiles this file for the Edge runtime too. The literal NEXT_RUNTIME check is the
  // documented way to let the bundler drop Node-only code from that build; it cannot go through
  // lib/env.ts without defeating that.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("@/lib/startup/boot");
    await boot();
  }
}
