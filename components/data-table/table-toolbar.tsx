import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

export interface ToolbarFilter {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}

/** Search and filters as a plain GET form: works before JavaScript loads and keeps state in the URL. */
export function TableToolbar({ q, placeholder, filters = [], keep = {} }: { q?: string; placeholder: string; filters?: ToolbarFilter[]; keep?: Record<string, string | undefined> }) {
  return (
    <form role="search" className="flex flex-wrap items-center gap-2">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="relative min-w-56 flex-1">
        <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" aria-hidden />
        <Input name="q" defaultValue={q} placeholder={placeholder} aria-label="Search" className="pl-8" />
      </div>
      {filters.map((f) => (
        <NativeSelect key={f.name} name={f.name} defaultValue={f.value ?? ""} aria-label={f.label} className="w-auto">
          <option value="">{f.label}: all</option>
          {f.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      ))}
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
