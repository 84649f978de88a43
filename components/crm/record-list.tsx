import Link from "next/link";

/** A compact list of related records on a detail page. */
export function RecordList({ items, empty }: { items: { id: string; href: string; title: string; meta?: string | null; value?: string }[]; empty: string }) {
  if (!items.length) return <p className="text-muted-foreground text-sm">{empty}</p>;
  return (
    <ul className="divide-y">
      {items.map((i) => (
        <li key={i.id} className="flex items-center justify-between gap-3 py-2 text-sm">
          <div>
            <Link href={i.href} className="font-medium hover:underline">
              {i.title}
            </Link>
            {i.meta ? <p className="text-muted-foreground text-xs">{i.meta}</p> : null}
          </div>
          {i.value ? <span className="tabular-nums">{i.value}</span> : null}
        </li>
      ))}
    </ul>
  );
}
