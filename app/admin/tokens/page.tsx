import { revokeAdminTokenAction } from "./actions";
import { utc } from "@/components/admin/admin-time";
import { CreateTokenForm } from "@/components/admin/create-token-form";
import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { PageHeader } from "@/components/common/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listAdminTokens } from "@/lib/admin/admin-tokens";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";

export default async function AdminTokensPage() {
  await requirePlatformAdmin();
  const tokens = await listAdminTokens(getDb());
  return (
    <div className="grid gap-6">
      <PageHeader title="Admin API tokens" description="For the admin HTTP API (Authorization: Bearer). A token is shown once and stored hashed; it acts as its admin, and stops working when revoked or when its admin stops being one. From a shell: npm run admin:token -- --email <admin email>." />
      <CreateTokenForm />
      <div className="overflow-x-auto rounded-xl border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Token</TableHead>
              <TableHead>Admin</TableHead>
              <TableHead>Made</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.length === 0 ? (
              <TableRow>
                <TableCell colSpan={6} className="text-muted-foreground text-sm">
                  No token yet: make one above.
                </TableCell>
              </TableRow>
            ) : null}
            {tokens.map((t) => (
              <TableRow key={t.id} data-testid="admin-token-row">
                <TableCell>{t.name}</TableCell>
                <TableCell className="font-mono text-xs">{t.prefix}…</TableCell>
                <TableCell className="text-sm">{t.email}</TableCell>
                <TableCell className="text-xs">{utc(t.createdAt)}</TableCell>
                <TableCell className="text-xs">{t.lastUsedAt ? utc(t.lastUsedAt) : "never"}</TableCell>
                <TableCell className="text-right">
                  {t.revokedAt ? (
                    <span className="text-muted-foreground text-xs">revoked {utc(t.revokedAt)}</span>
                  ) : (
                    <ConfirmActionButton action={revokeAdminTokenAction} orgSlug="" hidden={{ id: t.id }} label="Revoke" title={`Revoke “${t.name}”?`} description="Calls with this token answer 401 from now on. This cannot be undone: make a new token if it is needed again." confirmLabel="Revoke token" variant="destructive" />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
