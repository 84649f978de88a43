import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A layout's check does not protect its pages: on a client-side navigation Next renders only the
 * segments below a layout the router tree says is already shown, so the layout's code never runs
 * (security review S1). This rule fails when a page (or route handler) sits under a layout that
 * authorises, and does not make the same check itself.
 */
const APP = path.resolve(import.meta.dirname, "../app");

/**
 * The checks a file makes that refuse (never ones that only decide what to show): membership
 * (requireOrg, or requireOrgPermission which includes it), each permission required with
 * requireOrgPermission or refused with `if (!can(...)) notFound()`, and platform admin.
 */
function gatesIn(source: string): Set<string> {
  const gates = new Set<string>();
  if (/requirePlatformAdmin\(/.test(source)) gates.add("platform-admin");
  if (/requireOrg(Permission)?\(/.test(source)) gates.add("member");
  for (const m of source.matchAll(/requireOrgPermission\([^,]+,\s*"([a-z:]+)"/g)) gates.add(m[1]);
  for (const m of source.matchAll(/!can\([^,]+,\s*"([a-z:]+)"\)\)\s*(?:notFound|redirect|forbidden)\(/g)) gates.add(m[1]);
  return gates;
}
const checksIn = gatesIn;

function walk(dir: string, inherited: Map<string, string>, out: { file: string; missing: string[] }[]) {
  const entries = readdirSync(dir, { withFileTypes: true });
  const required = new Map(inherited);
  const layout = entries.find((e) => e.isFile() && e.name === "layout.tsx");
  // A layout's checks gate everything below it; it names them, the pages must repeat them.
  if (layout) for (const check of gatesIn(readFileSync(path.join(dir, layout.name), "utf8"))) required.set(check, path.relative(APP, path.join(dir, layout.name)));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, required, out);
    else if (/^(page\.tsx|route\.ts)$/.test(e.name) && required.size) {
      const own = checksIn(readFileSync(full, "utf8"));
      const missing = [...required].filter(([check]) => !own.has(check)).map(([check, from]) => `${check} (from ${from})`);
      if (missing.length) out.push({ file: path.relative(APP, full), missing });
    }
  }
}

describe("every page authorises itself", () => {
  it("each page and route handler under a layout that checks a role or platform admin makes the same check", () => {
    const problems: { file: string; missing: string[] }[] = [];
    walk(APP, new Map(), problems);
    expect(problems).toEqual([]);
  });

  it("the rule sees the layouts that authorise (so it cannot pass by finding none)", () => {
    expect(gatesIn(readFileSync(path.join(APP, "admin/layout.tsx"), "utf8"))).toContain("platform-admin");
    expect(gatesIn(readFileSync(path.join(APP, "(portal)/o/[org]/sync/layout.tsx"), "utf8"))).toContain("sync:operate");
    // The shape the Sync layout had before the review: a gate too.
    expect(gatesIn('if (!can(ctx.role, "sync:operate")) notFound();')).toEqual(new Set(["sync:operate"]));
    // Showing a banner to managers is no gate.
    expect(gatesIn('const show = can(ctx.role, "xero:manage");')).toEqual(new Set());
    expect(gatesIn(readFileSync(path.join(APP, "(portal)/o/[org]/layout.tsx"), "utf8"))).toEqual(new Set(["member"]));
    // A page that only uses can() to show a button makes no check of that permission.
    expect(checksIn('const ctx = await requireOrg(slug); const show = can(ctx.role, "sync:operate");')).toEqual(new Set(["member"]));
  });
});
