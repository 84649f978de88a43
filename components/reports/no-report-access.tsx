import { Lock } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";

/** What a member who may not see amounts gets instead of a report: no figure, and who can change it. */
export function NoReportAccess() {
  return (
    <EmptyState icon={Lock} title="Reports show amounts">
      Your role does not show amounts, so reports are hidden. An owner or admin can let you see amounts in Settings -&gt; Members.
    </EmptyState>
  );
}
