import { PageHeader } from "@/components/common/page-header";
import { adminOpenApiDocument } from "@/lib/admin/admin-openapi";
import { requirePlatformAdmin } from "@/lib/auth/require-platform-admin";

type Operation = { summary?: string; description?: string; parameters?: { name: string; in: string; description?: string }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { description: string }> };

/** The admin OpenAPI document, rendered: each endpoint with its words, parameters, body and answers (the JSON at /api/admin/openapi.json). */
export default async function AdminApiDocsPage() {
  await requirePlatformAdmin();
  const doc = adminOpenApiDocument();
  return (
    <div className="grid gap-6">
      <PageHeader title="Admin API" description={doc.info.description} actions={<a className="text-sm underline" href="/api/admin/openapi.json">OpenAPI JSON</a>} />
      {Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods as Record<string, Operation>).map(([method, op]) => (
          <section key={`${method} ${path}`} className="grid gap-2 rounded-xl border p-4" data-testid="api-operation">
            <h2 className="font-mono text-sm font-semibold">
              <span className="bg-muted mr-2 rounded px-1.5 py-0.5 uppercase">{method}</span>
              {doc.servers[0].url}
              {path}
            </h2>
            <p className="font-medium">{op.summary}</p>
            {op.description ? <p className="text-muted-foreground text-sm">{op.description}</p> : null}
            {op.parameters?.length ? (
              <ul className="text-sm">
                {op.parameters.map((p) => (
                  <li key={p.name}>
                    <code>{p.name}</code> ({p.in}){p.description ? `: ${p.description}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
            {op.requestBody ? <pre className="bg-muted overflow-x-auto rounded p-2 text-xs">{JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre> : null}
            <ul className="text-sm">
              {Object.entries(op.responses).map(([code, r]) => (
                <li key={code}>
                  <code>{code}</code> {r.description}
                </li>
              ))}
            </ul>
          </section>
        )),
      )}
    </div>
  );
}
