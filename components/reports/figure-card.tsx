import type { ReactNode } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/** One headline figure of a report page: a small muted title over a large value. */
export function FigureCard({ title, children, testId, className, valueClassName }: { title: ReactNode; children: ReactNode; testId?: string; className?: string; valueClassName?: string }) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle className="text-muted-foreground text-sm font-medium">{title}</CardTitle>
      </CardHeader>
      <CardContent className={cn("text-2xl font-semibold", valueClassName)} data-testid={testId}>
        {children}
      </CardContent>
    </Card>
  );
}
