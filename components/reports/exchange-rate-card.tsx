import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/lib/crm/money";
import type { ExchangeRateLine } from "@/lib/reports/exchange-rate-lines";

/** Open receivables in other currencies at their booked rates and at the latest rate Xero used. */
export function ExchangeRateCard({ lines, baseCurrency }: { lines: ExchangeRateLine[]; baseCurrency: string }) {
  if (!lines.length) return null;
  const money = (v: string) => formatMoney(v, baseCurrency);
  return (
    <Card data-testid="exchange-rate-card">
      <CardHeader>
        <CardTitle className="text-base">Receivables in other currencies</CardTitle>
        <p className="text-muted-foreground text-sm">
          Inside the receivables above at the rate each invoice was booked at; here also at the latest rate Xero used in that currency (Xero publishes no rates, so it is the rate of the newest-dated invoice or payment it booked). The difference is currency movement, not sales.
        </p>
      </CardHeader>
      <CardContent>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Currency</TableHead>
              <TableHead className="text-right">Open</TableHead>
              <TableHead className="text-right">At booked rates</TableHead>
              <TableHead>Latest rate</TableHead>
              <TableHead className="text-right">At latest rate</TableHead>
              <TableHead className="text-right">Exchange difference</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {lines.map((l) => (
              <TableRow key={l.currency} data-testid={`exchange-${l.currency}`}>
                <TableCell>{l.currency}</TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(l.amount, l.currency)}</TableCell>
                <TableCell className="text-right tabular-nums">{money(l.atBookedRates)}</TableCell>
                <TableCell className="text-sm">
                  {l.latestRate} per {baseCurrency} <span className="text-muted-foreground">({l.latestRateSource}, {l.latestRateDate})</span>
                </TableCell>
                <TableCell className="text-right tabular-nums">{money(l.atLatestRate)}</TableCell>
                <TableCell className="text-right tabular-nums">{money(l.exchangeDifference)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
