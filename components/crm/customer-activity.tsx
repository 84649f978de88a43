import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export function CustomerActivity({ items }: { items: { id: string; summary: string; via: string; createdAt: Date; actorName: string | null }[] }) {
  return (
    <Card className="content-start">
      <CardHeader>
        <CardTitle>Activity</CardTitle>
      </CardHeader>
      <CardContent>
        {items.length ? (
          <ol className="grid gap-3 text-sm">
            {items.map((a) => (
              <li key={a.id}>
                <p>{a.summary}</p>
                <p className="text-muted-foreground text-xs">
                  {a.actorName ?? (a.via === "api" ? "API" : a.via === "import" ? "CSV import" : "Someone")} ·{" "}
                  {a.createdAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-muted-foreground text-sm">Nothing yet.</p>
        )}
      </CardContent>
    </Card>
  );
}
