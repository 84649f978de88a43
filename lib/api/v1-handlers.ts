import { z } from "zod";
import { AppError, notFound } from "@/lib/errors";
import { ownKey } from "@/lib/http/search-params";
import { parseInput } from "@/lib/validation";
import { apiRoute, readJson, type AfterWrite, type ApiHandle } from "./api-route";
import { idempotent } from "./idempotent-request";
import { API_RESOURCES, type ApiResource } from "./v1-resources";

const listQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "limit must be a number from 1 to 100." }).int("limit must be a whole number.").min(1, "limit must be at least 1.").max(100, "limit can be at most 100.").default(50),
});

function resourceOf(params: Record<string, string>): ApiResource {
  // Own keys only: /api/v1/__proto__ or /api/v1/toString names no resource.
  if (!ownKey(API_RESOURCES, params.resource)) throw notFound("That API resource");
  return API_RESOURCES[params.resource];
}

/** A malformed id can never exist: the same 404 as another tenant's id. */
function idOf(params: Record<string, string>, resource: ApiResource): string {
  if (!z.uuid().safeParse(params.id).success) throw notFound(`That ${resource.singular.toLowerCase()}`);
  return params.id;
}

const list: ApiHandle = async ({ db, actor, request, params }) => {
  const resource = resourceOf(params);
  const url = new URL(request.url);
  // A repeated parameter counts once (its first value), as for the portal's pages.
  const q = parseInput(listQuery, { cursor: url.searchParams.get("cursor") ?? undefined, limit: url.searchParams.get("limit") ?? undefined });
  const page = await resource.list(db, actor, q.cursor ?? null, q.limit);
  return Response.json({ data: page.data, next_cursor: page.nextCursor });
};

const create: ApiHandle = async ({ db, actor, apiKeyId, request, params }) => {
  const resource = resourceOf(params);
  const body = await readJson(request);
  return idempotent(db, apiKeyId, request, body, async (tx) => Response.json({ data: await resource.create(tx, actor, body) }, { status: 201 }));
};

const get: ApiHandle = async ({ db, actor, params }) => {
  const resource = resourceOf(params);
  return Response.json({ data: await resource.get(db, actor, idOf(params, resource)) });
};

const update: ApiHandle = async ({ db, actor, request, params }) => {
  const resource = resourceOf(params);
  const id = idOf(params, resource);
  const body = await readJson(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("validation", "(body): send a JSON object of the fields to change.", [{ field: "(body)", message: "Send a JSON object." }]);
  return Response.json({ data: await resource.update(db, actor, id, body) });
};

const remove: ApiHandle = async ({ db, actor, params }) => {
  const resource = resourceOf(params);
  await resource.remove(db, actor, idOf(params, resource));
  return new Response(null, { status: 204 });
};

/** The /api/v1/<resource> handlers; `afterWrite` runs after each successful write (the routes push the outbox). */
export function v1Handlers(afterWrite?: AfterWrite) {
  return {
    list: apiRoute(list),
    create: apiRoute(create, { afterWrite }),
    get: apiRoute(get),
    update: apiRoute(update, { afterWrite }),
    remove: apiRoute(remove, { afterWrite }),
  };
}

const plain = v1Handlers();
export const { list: listHandler, create: createHandler, get: getHandler, update: updateHandler, remove: deleteHandler } = plain;
