import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

/** Label, native select and the server's message for this field. */
export function SelectField({
  name,
  label,
  error,
  options,
  placeholder,
  ...props
}: { name: string; label: string; error?: string; options: { value: string; label: string }[]; placeholder?: string } & React.ComponentProps<"select">) {
  const id = `field-${name}`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...props}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      {error ? (
        <p id={`${id}-error`} className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
