import { CircleAlert, CircleCheck } from "lucide-react";
import type { ActionResult } from "@/lib/tenancy/action-result";

/** The one-line outcome of a form: what went wrong, or what was saved. */
export function FormMessage({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="text-success flex items-center gap-2 text-sm">
        <CircleCheck className="size-4" aria-hidden /> {state.message}
      </p>
    ) : null;
  }
  return (
    <p role="alert" className="text-destructive flex items-center gap-2 text-sm">
      <CircleAlert className="size-4 shrink-0" aria-hidden /> {state.error}
    </p>
  );
}
