import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { ApiKeyForm } from "@/components/settings/api-key-form";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listApiKeys } from "@/lib/api/api-keys";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can } from "@/lib/tenancy/roles";
import { revokeApiKeyAction } from "../crm-actions";

const when = (d: Date | null) => (d ? d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "never");

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  if (!can(ctx.role, "org:manage")) return <p className="text-muted-foreground text-sm">Only owners and admins manage API keys.</p>;
  const keys = await listApiKeys(getDb(), ctx.org.id);
  return (
    <div className="grid gap-6">
      <p className="text-muted-foreground max-w-2xl text-sm">
        A CRM that lives elsewhere can read and write customers, deals, products and subscriptions at <code>/api/v1</code> with <code>Authorization: Bearer &lt;key&gt;</code>. The
        contract is at <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Keys are stored hashed and shown once.
      </p>
      <ApiKeyForm orgSlug={slug} />
      {keys.length ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Scope</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.id} data-testid={`api-key-${k.name}`}>
                <TableCell className="font-medium">{k.name}</TableCell>
                <TableCell className="font-mono">{k.prefix}…</TableCell>
                <TableCell>
                  <Badge variant="outline">{k.scope}</Badge> {k.canSeeAmounts ? <Badge variant="secondary">amounts</Badge> : null}
                </TableCell>
                <TableCell>
                  {when(k.createdAt)}
                  {k.createdByName ? ` by ${k.createdByName}` : ""}
                </TableCell>
                <TableCell>{when(k.lastUsedAt)}</TableCell>
                <TableCell className="text-right">
                  {k.revokedAt ? (
                    <Badge variant="secondary">revoked</Badge>
                  ) : (
                    <ConfirmActionButton action={revokeApiKeyAction} orgSlug={slug} hidden={{ id: k.id }} label="Revoke" variant="ghost" title={`Revoke ${k.name}?`} description="Anything using this key gets 401 from now on. This cannot be undone." confirmLabel="Revoke key" />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
