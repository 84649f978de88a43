"use client";

import { useActionState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/tenancy/action-result";

type OrgActionFn = (orgSlug: string, prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * useActionState for long forms, submitted through onSubmit instead of `<form action>`: React resets
 * a form after its action runs, which would wipe what the user typed when the server answers
 * with field errors. Here nothing typed is lost.
 */
export function useKeptFormAction(action: OrgActionFn, orgSlug: string) {
  const [state, dispatch, pending] = useActionState(action.bind(null, orgSlug), null);
  const [, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  return { state, onSubmit, pending, fields: state && !state.ok ? state.fields : undefined };
}
