import { MemberVisibilitySelect, OrgVisibilityForm } from "@/components/settings/visibility-forms";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listMembers } from "@/lib/tenancy/members";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can, canSeeAmounts } from "@/lib/tenancy/roles";

export default async function VisibilityPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const canEdit = can(ctx.role, "org:manage");
  const sales = (await listMembers(getDb(), ctx.org.id)).filter((m) => m.role === "sales");
  return (
    <div className="grid gap-6">
      <p className="text-muted-foreground max-w-2xl text-sm">Owners, admins and finance always see amounts. Choose what sales members see.</p>
      <OrgVisibilityForm orgSlug={slug} salesCanSeeAmounts={ctx.org.salesCanSeeAmounts} canEdit={canEdit} />
      <section className="grid gap-2">
        <h2 className="font-semibold">Per-member overrides</h2>
        {sales.length === 0 ? (
          <p className="text-muted-foreground text-sm">No sales members yet. Invite one under Members.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Sales member</TableHead>
                <TableHead>Sees amounts now</TableHead>
                <TableHead>Override</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sales.map((m) => (
                <TableRow key={m.userId}>
                  <TableCell className="font-medium">{m.name}</TableCell>
                  <TableCell>{canSeeAmounts(ctx.org, m) ? "Yes" : "No"}</TableCell>
                  <TableCell>
                    {canEdit ? <MemberVisibilitySelect orgSlug={slug} userId={m.userId} name={m.name} value={m.canSeeAmounts} /> : m.canSeeAmounts === null ? "Follows the rule" : m.canSeeAmounts ? "Always" : "Never"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
