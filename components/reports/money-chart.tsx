"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  key: string;
  label: string;
  /** A CSS colour, usually one of the --chart-N variables. */
  color: string;
  /** Series with the same stack id are stacked. */
  stack?: string;
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * A bar chart of money per period in shadcn's chart style. Amounts arrive as the reports' exact
 * decimal strings: the bars are drawn from them, the tooltip shows them as they are, so the chart
 * never shows a figure the table and the CSV do not.
 */
export function MoneyChart({ rows, xKey, series, currency, goal, label }: { rows: object[]; xKey: string; series: ChartSeries[]; currency: string; goal?: string | null; label: string }) {
  const data = (rows as Record<string, string>[]).map((r) => ({ ...r, ...Object.fromEntries(series.map((s) => [`${s.key}__value`, Number(r[s.key])])) }));
  return (
    <figure data-testid="report-chart" aria-label={label} className="h-72 w-full text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey={xKey} tickLine={false} axisLine={false} tickMargin={8} stroke="var(--muted-foreground)" />
          <YAxis tickLine={false} axisLine={false} width={48} stroke="var(--muted-foreground)" tickFormatter={(v: number) => compact.format(v)} />
          <Tooltip
            cursor={{ fill: "var(--muted)" }}
            contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--popover-foreground)" }}
            formatter={(_value, name, item) => {
              const s = series.find((x) => `${x.key}__value` === item.dataKey);
              return [`${(item.payload as Record<string, string>)[s?.key ?? ""]} ${currency}`, String(name)];
            }}
          />
          <Legend iconType="circle" />
          {series.map((s) => (
            <Bar key={s.key} dataKey={`${s.key}__value`} name={s.label} fill={s.color} stackId={s.stack} radius={s.stack ? 0 : [4, 4, 0, 0]} isAnimationActive={false} />
          ))}
          {goal ? <ReferenceLine y={Number(goal)} stroke="var(--chart-4)" strokeDasharray="4 4" label={{ value: `Goal ${goal}`, position: "insideTopRight", fill: "var(--muted-foreground)" }} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
