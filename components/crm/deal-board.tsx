"use client";

import Link from "next/link";
import { useOptimistic, useState, useTransition } from "react";
import { moveDealAction } from "@/app/(portal)/o/[org]/deals/actions";
import { Badge } from "@/components/ui/badge";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";

export interface BoardStage {
  id: string;
  name: string;
  probability: number;
  kind: "open" | "won" | "lost";
}
export interface BoardDeal {
  id: string;
  title: string;
  customerName: string;
  stageId: string;
  amountLabel: string | null;
  editable: boolean;
}

/**
 * The pipeline as columns. Drag a card to another column (or use its "Move to" list, for keyboards
 * and phones); the card moves at once and goes back, with the reason, if the server refuses.
 */
export function DealBoard({ orgSlug, stages, deals }: { orgSlug: string; stages: BoardStage[]; deals: BoardDeal[] }) {
  const [optimistic, applyMove] = useOptimistic(deals, (state, move: { id: string; stageId: string }) => state.map((d) => (d.id === move.id ? { ...d, stageId: move.stageId } : d)));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [overStage, setOverStage] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const move = (id: string, stageId: string) => {
    const deal = optimistic.find((d) => d.id === id);
    if (!deal || deal.stageId === stageId) return;
    startTransition(async () => {
      applyMove({ id, stageId });
      const form = new FormData();
      form.set("id", id);
      form.set("stageId", stageId);
      const result = await moveDealAction(orgSlug, null, form);
      setMessage(result.ok ? { ok: true, text: `${deal.title}: ${result.message}` } : { ok: false, text: `${deal.title} was not moved: ${result.error}` });
    });
  };

  return (
    <div className="grid grid-cols-1 gap-3">
      <p role="status" aria-live="polite" className={cn("min-h-5 text-sm", message?.ok === false ? "text-destructive" : "text-muted-foreground")}>
        {message?.text}
      </p>
      <div className="flex gap-3 overflow-x-auto pb-2">
        {stages.map((stage) => {
          const cards = optimistic.filter((d) => d.stageId === stage.id);
          return (
            <section
              key={stage.id}
              aria-label={stage.name}
              data-testid={`stage-${stage.name}`}
              onDragOver={(e) => {
                e.preventDefault();
                setOverStage(stage.id);
              }}
              onDragLeave={() => setOverStage(null)}
              onDrop={(e) => {
                e.preventDefault();
                setOverStage(null);
                move(e.dataTransfer.getData("text/deal-id"), stage.id);
              }}
              className={cn("bg-muted/40 flex min-h-48 w-64 shrink-0 flex-col gap-2 rounded-xl border p-2", overStage === stage.id && "ring-primary ring-2")}
            >
              <header className="flex items-center justify-between px-1 text-sm font-medium">
                <span>{stage.name}</span>
                <Badge variant="outline">
                  {cards.length} · {stage.probability}%
                </Badge>
              </header>
              {cards.map((d) => (
                <article
                  key={d.id}
                  draggable={d.editable}
                  onDragStart={(e) => e.dataTransfer.setData("text/deal-id", d.id)}
                  data-testid={`deal-card-${d.title}`}
                  className={cn("bg-card grid gap-1 rounded-lg border p-3 text-sm shadow-xs", d.editable && "cursor-grab active:cursor-grabbing")}
                >
                  <Link href={`/o/${orgSlug}/deals/${d.id}`} className="font-medium hover:underline">
                    {d.title}
                  </Link>
                  <span className="text-muted-foreground text-xs">{d.customerName}</span>
                  {d.amountLabel ? <span className="tabular-nums">{d.amountLabel}</span> : null}
                  {d.editable ? (
                    <NativeSelect aria-label={`Move ${d.title} to`} value={d.stageId} onChange={(e) => move(d.id, e.target.value)} className="h-7 text-xs">
                      {stages.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </NativeSelect>
                  ) : null}
                </article>
              ))}
            </section>
          );
        })}
      </div>
    </div>
  );
}
