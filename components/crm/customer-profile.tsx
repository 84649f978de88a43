import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Customer } from "@/db/schema";

export function CustomerProfile({ customer: c, defaultTermDays, baseCurrency }: { customer: Customer; defaultTermDays: number; baseCurrency: string }) {
  const address = [c.addressLine1, c.addressLine2, [c.city, c.region, c.postalCode].filter(Boolean).join(" "), c.country].filter(Boolean);
  const rows: [string, React.ReactNode][] = [
    ["Email", c.email ?? <span className="text-destructive">missing: Xero cannot email invoices</span>],
    ["Phone", c.phone ?? "—"],
    ["Billing address", address.length ? address.join(", ") : <span className="text-destructive">missing: tax cannot be set by location</span>],
    ["Payment terms", c.paymentTermDays === null ? `Net ${defaultTermDays} (organisation default)` : `Net ${c.paymentTermDays}`],
    ["Currency", c.currency ?? `${baseCurrency} (base)`],
    ["Tax number", c.taxNumber ?? "—"],
    ["External id", c.externalId ?? "—"],
    ["In Xero", c.xeroContactId ? "Linked" : "Not yet synced"],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Profile</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        {c.tags.length ? (
          <div className="flex flex-wrap gap-1">
            {c.tags.map((t) => (
              <Badge key={t} variant="outline">
                {t}
              </Badge>
            ))}
          </div>
        ) : null}
        {c.notes ? <p className="text-sm whitespace-pre-wrap">{c.notes}</p> : null}
      </CardContent>
    </Card>
  );
}
