import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Label, input and the server's message for this field, wired for screen readers. */
export function FormField({
  name,
  label,
  error,
  hint,
  ...inputProps
}: { name: string; label: string; error?: string; hint?: string } & React.ComponentProps<"input">) {
  const id = `field-${name}`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...inputProps} />
      {error ? (
        <p id={`${id}-error`} className="text-destructive text-sm">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
