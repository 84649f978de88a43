"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resolveReviewAction } from "@/app/(portal)/o/[org]/sync/actions";
import { FormMessage } from "@/components/common/form-message";
import { Button } from "@/components/ui/button";

export interface ReviewView {
  id: string;
  reason: string;
  /** What the review is about: the Xero contact, our customer, or customers that look like one. */
  subject: string;
  candidateKind: "customer" | "contact" | "duplicate";
  candidates: { id: string; name: string; email: string | null }[];
  /** For likely duplicates: the merge screen with them preselected. */
  mergeHref?: string;
}

/**
 * One undecided match: pick the record it is (Link), make a new customer (Create, for a Xero contact),
 * or Skip. Likely duplicates instead offer "Merge them" (the merge screen) or "They differ".
 */
export function ReviewCard({ orgSlug, review }: { orgSlug: string; review: ReviewView }) {
  const [state, action, pending] = useActionState(resolveReviewAction.bind(null, orgSlug), null);
  const other = review.candidateKind === "customer" ? "customer" : "Xero contact";
  const duplicate = review.candidateKind === "duplicate";
  return (
    <form action={action} className="grid gap-3 rounded-xl border p-4" data-testid="sync-review">
      <input type="hidden" name="reviewId" value={review.id} />
      <div>
        <p className="font-medium">{review.subject}</p>
        <p className="text-muted-foreground text-sm">{review.reason}</p>
      </div>
      {duplicate ? (
        <ul className="grid gap-1 text-sm">
          {review.candidates.map((c) => (
            <li key={c.id}>
              {c.name}
              {c.email ? <span className="text-muted-foreground"> · {c.email}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm">Which {other} is it?</legend>
          {review.candidates.map((c, i) => (
            <label key={c.id} className="flex items-center gap-2 text-sm">
              <input type="radio" name="targetId" value={c.id} defaultChecked={i === 0} /> {c.name}
              {c.email ? <span className="text-muted-foreground">· {c.email}</span> : null}
            </label>
          ))}
        </fieldset>
      )}
      <div className="flex flex-wrap gap-2">
        {duplicate ? (
          <>
            {review.mergeHref ? (
              <Button asChild>
                <Link href={review.mergeHref}>Merge them</Link>
              </Button>
            ) : null}
            <Button type="submit" name="action" value="skip" variant="outline" disabled={pending}>
              They differ
            </Button>
          </>
        ) : (
          <>
            <Button type="submit" name="action" value="link" disabled={pending}>
              Link
            </Button>
            {review.candidateKind === "customer" ? (
              <Button type="submit" name="action" value="create" variant="outline" disabled={pending}>
                Create a new customer
              </Button>
            ) : null}
            <Button type="submit" name="action" value="skip" variant="ghost" disabled={pending}>
              Skip
            </Button>
          </>
        )}
      </div>
      <FormMessage state={state} />
    </form>
  );
}
