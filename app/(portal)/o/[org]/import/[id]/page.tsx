import { searchText, type SearchParams } from "@/lib/http/search-params";
import Link from "next/link";
import { PageHeader } from "@/components/common/page-header";
import { ImportMappingForm } from "@/components/crm/import-mapping-form";
import { ImportProblems } from "@/components/crm/import-problems";
import { ImportProgress } from "@/components/crm/import-progress";
import { ImportStartForm } from "@/components/crm/import-start-form";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { actorFromContext } from "@/lib/crm/crm-actor";
import { IMPORT_FIELDS } from "@/lib/crm/import/import-fields";
import { getImportJob, isStalled, previewImport } from "@/lib/crm/import/import-jobs";
import { findOr404 } from "@/lib/tenancy/find-or-404";
import { requireOrg } from "@/lib/tenancy/require-org";

export default async function ImportJobPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug, id } = await params;
  const retry = searchText(await searchParams, "retry");
  const ctx = await requireOrg(slug);
  const db = getDb();
  const job = await findOr404(() => getImportJob(db, actorFromContext(ctx, "import"), id), id);
  const listHref = `/o/${slug}/${job.type === "products" ? "products" : job.type === "deals" ? "deals?view=table" : "customers"}`;
  const header = <PageHeader title={`Import ${job.type}: ${job.fileName}`} description={`${job.totalRows} data rows`} />;

  if (isStalled(job)) {
    return (
      <>
        {header}
        <div className="grid max-w-xl gap-4">
          <p role="alert" className="text-destructive text-sm">
            This import stopped making progress (the server running it may have restarted). Every batch it wrote was written whole, and records match by key, so running it
            again finishes the job without duplicates.
          </p>
          <ImportStartForm orgSlug={slug} jobId={job.id} hasProblems={job.mode === "valid_only"} />
        </div>
      </>
    );
  }
  if (job.status === "queued" || job.status === "validating" || job.status === "writing") {
    return (
      <>
        {header}
        <ImportProgress orgSlug={slug} jobId={job.id} initial={{ status: job.status, totalRows: job.totalRows, processedRows: job.processedRows }} />
      </>
    );
  }
  if (job.status === "done" || (job.status === "failed" && job.mode && !retry)) {
    return (
      <>
        {header}
        <div className="grid gap-4">
          <p role="status" className={job.status === "done" ? "text-success" : "text-destructive"} data-testid="import-result">
            {job.status === "done" ? `Imported: ${job.createdCount} created, ${job.updatedCount} updated, ${job.rejectedRows.length} row(s) held back.` : job.error}
          </p>
          <div className="flex flex-wrap gap-2">
            {job.rejectedRows.length ? (
              <Button asChild variant="outline">
                <a href={`/api/o/${slug}/imports/${job.id}/rejected`} download>
                  Download the {job.rejectedRows.length} rejected row(s) as CSV
                </a>
              </Button>
            ) : null}
            {job.status === "failed" ? (
              <Button asChild>
                <Link href={`/o/${slug}/import/${job.id}?retry=1`}>Change the mapping or the mode</Link>
              </Button>
            ) : (
              <Button asChild>
                <Link href={listHref}>See the {job.type}</Link>
              </Button>
            )}
            <Button asChild variant="ghost">
              <Link href={`/o/${slug}/import?type=${job.type}`}>Import another file</Link>
            </Button>
          </div>
          <ImportProblems problems={job.problems} />
        </div>
      </>
    );
  }

  const preview = await previewImport(db, actorFromContext(ctx, "import"), job);
  return (
    <>
      {header}
      <div className="grid gap-8">
        <section className="grid gap-3">
          <h2 className="font-semibold">1. Match the columns</h2>
          <ImportMappingForm orgSlug={slug} jobId={job.id} fields={IMPORT_FIELDS[job.type]} headers={job.headers} mapping={job.mapping} />
        </section>
        <section className="grid gap-3">
          <h2 className="font-semibold">2. Check</h2>
          <p className="text-sm" data-testid="import-preview-summary">
            {preview.validRows} of {preview.total} rows are ready: {preview.creates} new, {preview.updates} update existing records. {preview.problems.length} problem(s) in {preview.total - preview.validRows} row(s).
          </p>
          <ImportProblems problems={preview.problems} />
        </section>
        <section className="grid gap-3">
          <h2 className="font-semibold">3. Import</h2>
          <ImportStartForm orgSlug={slug} jobId={job.id} hasProblems={preview.problems.length > 0} validRows={preview.validRows} />
        </section>
      </div>
    </>
  );
}
