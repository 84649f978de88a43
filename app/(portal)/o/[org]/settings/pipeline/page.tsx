import { ConfirmActionButton } from "@/components/common/confirm-action-button";
import { StageRowForm } from "@/components/settings/stage-row-form";
import { getDb } from "@/db";
import { listStages } from "@/lib/crm/pipeline-stages";
import { requireOrg } from "@/lib/tenancy/require-org";
import { can } from "@/lib/tenancy/roles";
import { deleteStageAction } from "../crm-actions";

export default async function PipelinePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const stages = await listStages(getDb(), ctx.org.id);
  const manage = can(ctx.role, "org:manage");
  return (
    <div className="grid max-w-2xl gap-4">
      <p className="text-muted-foreground text-sm">Deal stages in board order, with the chance a deal in each is won (the weighted pipeline uses it). Won and Lost always stay last.</p>
      <ul className="grid gap-3">
        {stages.map((s) => (
          <li key={s.id} className="flex items-start justify-between gap-3">
            {manage ? <StageRowForm orgSlug={slug} stage={s} /> : <span>{`${s.name} · ${s.probability}%`}</span>}
            {manage && s.kind === "open" ? (
              <ConfirmActionButton action={deleteStageAction} orgSlug={slug} hidden={{ id: s.id }} label="Delete" variant="ghost" title={`Delete ${s.name}?`} description="Only a stage without deals can be deleted." confirmLabel="Delete stage" />
            ) : null}
          </li>
        ))}
      </ul>
      {manage ? <StageRowForm orgSlug={slug} /> : null}
    </div>
  );
}
