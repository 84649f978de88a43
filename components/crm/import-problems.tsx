import type { ImportProblem } from "@/db/schema";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const SHOWN = 200;

export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  if (!problems.length) return <p className="text-success text-sm">No problems found.</p>;
  return (
    <div className="grid gap-2">
      <Table data-testid="import-problems">
        <TableHeader>
          <TableRow>
            <TableHead>Row</TableHead>
            <TableHead>Field</TableHead>
            <TableHead>What to fix</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {problems.slice(0, SHOWN).map((p, i) => (
            <TableRow key={i}>
              <TableCell className="tabular-nums">{p.row}</TableCell>
              <TableCell className="font-mono text-xs">{p.field}</TableCell>
              <TableCell>{p.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {problems.length > SHOWN ? <p className="text-muted-foreground text-sm">…and {problems.length - SHOWN} more: the rejected-rows download lists them all.</p> : null}
    </div>
  );
}
