import { ownKey, searchText, type SearchParams } from "@/lib/http/search-params";
import Link from "next/link";
import { PageHeader } from "@/components/common/page-header";
import { ImportUploadForm } from "@/components/crm/import-upload-form";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { IMPORT_FIELDS } from "@/lib/crm/import/import-fields";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { listImportJobs } from "@/lib/crm/import/import-jobs";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function ImportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await requireOrg(slug);
  const type = searchText(await searchParams, "type");
  const types = [
    { value: "customers", label: "Customers" },
    { value: "deals", label: "Deals (one row per line)" },
    ...(ctx.role !== "sales" ? [{ value: "products", label: "Products" }] : []),
  ];
  const jobs = await listImportJobs(getDb(), actorFromContext(ctx, "import"));
  const known = ownKey(IMPORT_FIELDS, type) ? type : "customers";
  return (
    <>
      <PageHeader title="Import from CSV" description="Upload, check the column mapping, see every problem before anything is written, then import." />
      <div className="grid gap-8">
        <ImportUploadForm orgSlug={slug} type={known} types={types} />
        <section className="text-muted-foreground max-w-2xl text-sm">
          <h2 className="text-foreground mb-1 font-medium">Columns understood for {known}</h2>
          <p>{IMPORT_FIELDS[known].map((f) => `${f.label}${f.required ? " (required)" : ""}`).join(", ")}.</p>
          <p className="mt-2">Importing the same file again updates the records it created (matched by external id, email or code) instead of duplicating them.</p>
        </section>
        {jobs.length ? (
          <section className="grid gap-2">
            <h2 className="font-semibold">Recent imports</h2>
            <ul className="divide-y rounded-xl border text-sm">
              {jobs.map((j) => (
                <li key={j.id} className="flex flex-wrap items-center gap-3 p-3">
                  <Link href={`/o/${slug}/import/${j.id}`} className="font-medium hover:underline">
                    {j.fileName}
                  </Link>
                  <Badge variant="outline">{j.type}</Badge>
                  <Badge variant={j.status === "failed" ? "destructive" : "secondary"}>{j.status}</Badge>
                  <span className="text-muted-foreground">
                    {j.totalRows} rows · {j.createdCount} created · {j.updatedCount} updated
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
