import { InviteForm } from "@/components/settings/invite-form";
import { RemoveMemberButton, RoleSelect } from "@/components/settings/member-row-actions";
import { SubmitForm } from "@/components/common/submit-form";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listOpenInvitations } from "@/lib/tenancy/invitations";
import { listMembers } from "@/lib/tenancy/members";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can, ROLE_LABELS, ROLES } from "@/lib/tenancy/roles";
import { revokeInvitationAction } from "../actions";

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const db = getDb();
  const manage = can(ctx.role, "members:manage");
  const [members, invitations] = await Promise.all([listMembers(db, ctx.org.id), manage ? listOpenInvitations(db, ctx.org.id) : []]);
  // Admins may not hand out ownership; the server refuses it too.
  const roles = ROLES.filter((r) => ctx.role === "owner" || r !== "owner").map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  return (
    <div className="grid gap-6">
      {manage ? <InviteForm orgSlug={slug} roles={roles} /> : <p className="text-muted-foreground text-sm">Only owners and admins can invite or change members.</p>}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            {manage ? <TableHead className="text-right">Actions</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => {
            const editable = manage && (ctx.role === "owner" || m.role !== "owner");
            return (
              <TableRow key={m.userId} data-testid={`member-${m.email}`}>
                <TableCell className="font-medium">
                  {m.name} {m.userId === ctx.user.id ? <Badge variant="secondary">you</Badge> : null}
                </TableCell>
                <TableCell>{m.email}</TableCell>
                <TableCell>{editable ? <RoleSelect orgSlug={slug} userId={m.userId} role={m.role} roles={roles} name={m.name} /> : ROLE_LABELS[m.role]}</TableCell>
                {manage ? <TableCell className="text-right">{editable ? <RemoveMemberButton orgSlug={slug} userId={m.userId} name={m.name} /> : null}</TableCell> : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {invitations.length ? (
        <section className="grid gap-2">
          <h2 className="font-semibold">Open invitations</h2>
          <ul className="divide-y rounded-xl border">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
                <span className="font-medium">{i.email}</span>
                <Badge variant="outline">{ROLE_LABELS[i.role]}</Badge>
                <span className="text-muted-foreground">expires {i.expiresAt.toLocaleDateString("en-GB", { dateStyle: "medium" })}</span>
                <div className="ml-auto">
                  <SubmitForm action={revokeInvitationAction} orgSlug={slug} hidden={{ invitationId: i.id }} label="Withdraw" variant="ghost" size="sm" />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
