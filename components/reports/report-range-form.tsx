import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/**
 * A GET form for a report's range (months or days): the URL carries it, so a range can be bookmarked
 * and shared; `keep` carries other choices of the page (a split) through a new range.
 */
export function ReportRangeForm({ fields, values, error, keep = {} }: { fields: { name: string; label: string; type: "month" | "date" }[]; values: Record<string, string | undefined>; error?: string | null; keep?: Record<string, string> }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Report range">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => (
        <div key={f.name} className="grid gap-1">
          <Label htmlFor={`range-${f.name}`}>{f.label}</Label>
          <Input id={`range-${f.name}`} name={f.name} type={f.type} defaultValue={values[f.name] ?? ""} className="w-44" />
        </div>
      ))}
      <Button type="submit" variant="outline">
        Apply
      </Button>
      {error ? (
        <p role="alert" className="text-destructive w-full text-sm">
          {error}
        </p>
      ) : null}
    </form>
  );
}
