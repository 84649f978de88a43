import { json, type SandboxResponse } from "../http";
import type { ApiContext } from "./context";
import { validationException } from "./errors";
import { msDate } from "./format";

export interface ElementOutcome {
  json: Record<string, unknown>;
  errors: string[];
  warnings: string[];
}

/** Xero's envelope around every collection answer. */
export function envelope(ctx: ApiContext, collection: string, items: unknown[], pagination?: unknown): SandboxResponse {
  const app = ctx.sandbox.identity.apps.get(ctx.grant.clientId);
  return json(200, {
    Id: crypto.randomUUID(),
    Status: "OK",
    ProviderName: app?.name ?? ctx.grant.clientId,
    DateTimeUTC: msDate(ctx.now),
    ...(pagination ? { pagination } : {}),
    [collection]: items,
  });
}

/** Accepts `{ "<Collection>": [...] }`, a bare array, or one object, as Xero does. */
export function elementsOf(body: unknown, collection: string): Record<string, unknown>[] | null {
  if (Array.isArray(body)) return body.filter(isObject);
  if (!isObject(body)) return null;
  const key = Object.keys(body).find((k) => k.toLowerCase() === collection.toLowerCase());
  if (key) return Array.isArray(body[key]) ? (body[key] as unknown[]).filter(isObject) : null;
  return [body];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads a field whatever its case (clients send PascalCase, some send camelCase). */
export function field<T = unknown>(obj: Record<string, unknown> | undefined, name: string): T | undefined {
  if (!obj) return undefined;
  if (name in obj) return obj[name] as T;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? (obj[key] as T) : undefined;
}

/**
 * The answer to a write. summarizeErrors=false: 200, each element with its own status and
 * messages. summarizeErrors=true (Xero's default) with any error: 400 ValidationException, while
 * the good elements stay written, as integrators have reported of Xero.
 */
export function answerBatch(ctx: ApiContext, collection: string, outcomes: ElementOutcome[]): SandboxResponse {
  const elements = outcomes.map((o) => ({
    ...o.json,
    StatusAttributeString: o.errors.length ? "ERROR" : o.warnings.length ? "WARNING" : "OK",
    ...(o.errors.length ? { ValidationErrors: o.errors.map((Message) => ({ Message })), HasValidationErrors: true } : {}),
    ...(o.warnings.length ? { Warnings: o.warnings.map((Message) => ({ Message })) } : {}),
  }));
  if (ctx.summarizeErrors && outcomes.some((o) => o.errors.length)) {
    return validationException(elements.map((e) => ({ ...e, ValidationErrors: (e as { ValidationErrors?: unknown[] }).ValidationErrors ?? [] })));
  }
  return envelope(ctx, collection, elements);
}
