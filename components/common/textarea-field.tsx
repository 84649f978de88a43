import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

export function TextareaField({ name, label, error, className, ...props }: { name: string; label: string; error?: string } & React.ComponentProps<"textarea">) {
  const id = `field-${name}`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        className={cn("border-input dark:bg-input/30 min-h-20 rounded-md border bg-transparent px-3 py-2 text-sm shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive", className)}
        {...props}
      />
      {error ? <p className="text-destructive text-sm">{error}</p> : null}
    </div>
  );
}
