"use client";
// The kanban board of one role: a column per stage, cards dragged between them (dnd-kit: mouse,
// touch, and keyboard — space to lift, arrows, space to drop) or moved with each card's "Move to"
// menu. A move shows at once; if the server refuses (someone moved the card first, a rule), the
// card goes back — or to where the other person put it — with the reason.
import { useId, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from "@dnd-kit/core";
import { GripVerticalIcon, MoreHorizontalIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { moveApplicationAction } from "@/lib/pipeline/actions";
import type { BoardCard } from "@/lib/pipeline/applications";
import { formatDuration, type StageLike } from "@/lib/pipeline/stages";
import { cn } from "@/lib/utils";
import { RejectDialog } from "./reject-dialog";

type Card = Omit<BoardCard, "stageEnteredAt"> & { stageEnteredAt: string };

export function Rating({ value }: { value: number | null }) {
  if (!value) return <span className="text-xs text-muted-foreground">Not rated</span>;
  return (
    <span role="img" className="text-xs text-amber-600" aria-label={`Rated ${value} out of 5`} title={`Rated ${value} out of 5`}>
      <span aria-hidden>{"★".repeat(value) + "☆".repeat(5 - value)}</span>
    </span>
  );
}

export function Board({ stages, initialCards, now }: { stages: StageLike[]; initialCards: Card[]; now: string }) {
  const router = useRouter();
  const [cards, setCards] = useState(initialCards);
  // The server's view after a refresh (our move, or someone else's) replaces ours, without
  // remounting the board: an open Move menu or a drag in progress survives it.
  const snapshot = JSON.stringify(initialCards);
  const [shown, setShown] = useState(snapshot);
  if (snapshot !== shown) {
    setShown(snapshot);
    setCards(initialCards);
  }
  const [dragging, setDragging] = useState<Card | null>(null);
  const [rejecting, setRejecting] = useState<{ card: Card; to: StageLike } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const nowMs = new Date(now).getTime();

  /** Moves a card: at once on screen, then on the server; undone (or corrected) if refused. */
  async function move(card: Card, to: StageLike, reject?: { reason: string; note: string }): Promise<string | null> {
    if (card.stageId === to.id) return null;
    const before = cards;
    const movedAt = new Date().toISOString();
    setCards((cs) => cs.map((c) => (c.id === card.id ? { ...c, stageId: to.id, stageEnteredAt: movedAt } : c)));
    const r = await moveApplicationAction({ id: card.id, toStageId: to.id, version: card.version, reason: reject?.reason, note: reject?.note });
    if (r.ok) {
      setCards((cs) => cs.map((c) => (c.id === card.id ? { ...c, version: r.data.version, stageEnteredAt: new Date(r.data.stageEnteredAt).toISOString() } : c)));
      toast.success(`${card.candidate.name} moved to ${to.name}`);
      router.refresh();
      return null;
    }
    const truth = r.details as { stageId?: number; version?: number } | undefined;
    if (r.code === "CONFLICT" && truth?.stageId && truth.version) {
      // Someone else moved it: show it where they put it, at their version.
      setCards((cs) => cs.map((c) => (c.id === card.id ? { ...c, stageId: truth.stageId!, version: truth.version! } : c)));
    } else setCards(before);
    toast.error(r.error);
    router.refresh();
    return r.error;
  }

  function request(card: Card, to: StageLike) {
    if (to.kind === "REJECTED") setRejecting({ card, to });
    else void move(card, to);
  }

  function onDragEnd(e: DragEndEvent) {
    setDragging(null);
    const card = cards.find((c) => `card-${c.id}` === e.active.id);
    const to = stages.find((s) => `stage-${s.id}` === e.over?.id);
    if (card && to && to.id !== card.stageId) request(card, to);
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${cardOf(active.id)?.candidate.name}. Use the arrow keys to move between stages, space to drop, escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over ? `${cardOf(active.id)?.candidate.name} is over ${stageOf(over.id)?.name}.` : `${cardOf(active.id)?.candidate.name} is not over a stage.`,
    onDragEnd: ({ active, over }) =>
      over ? `${cardOf(active.id)?.candidate.name} dropped on ${stageOf(over.id)?.name}.` : `${cardOf(active.id)?.candidate.name} was dropped outside the stages.`,
    onDragCancel: ({ active }) => `Moving ${cardOf(active.id)?.candidate.name} was cancelled.`,
  };
  const cardOf = (id: string | number) => cards.find((c) => `card-${c.id}` === id);
  const stageOf = (id: string | number) => stages.find((s) => `stage-${s.id}` === id);
  // The pointer decides where a card lands; the keyboard (no pointer) uses the card's rectangle.
  const collision: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args));

  const byStage = useMemo(() => {
    const m = new Map<number, Card[]>(stages.map((s) => [s.id, []]));
    for (const c of cards) m.get(c.stageId)?.push(c);
    return m;
  }, [cards, stages]);

  // A stable id: dnd-kit's own counter differs between the server render and the browser's.
  const dndId = useId();
  const column = (stage: StageLike, closing = false) => (
    <Column key={stage.id} stage={stage} cards={byStage.get(stage.id) ?? []} closing={closing}>
      {(byStage.get(stage.id) ?? []).map((card) => (
        <CardItem key={card.id} card={card} stages={stages} nowMs={nowMs} onMove={(to) => request(card, to)} />
      ))}
    </Column>
  );

  return (
    <>
      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: "To move a card with the keyboard, press space, then the arrow keys, then space again. Or use the card's Move menu." },
        }}
        onDragStart={(e) => setDragging(cardOf(e.active.id) ?? null)}
        onDragCancel={() => setDragging(null)}
        onDragEnd={onDragEnd}
      >
        {/* The open stages side by side; the closing ones (Hired, Rejected, Withdrawn) stacked in
            the last column, so every stage is in view on a laptop screen. Columns are as tall as
            their cards. On narrow screens the board scrolls sideways. */}
        <div className="flex items-start gap-3 overflow-x-auto pb-4">
          {stages.filter((s) => s.kind === "OPEN").map((stage) => column(stage))}
          <div className="flex min-w-52 flex-1 flex-col gap-3">{stages.filter((s) => s.kind !== "OPEN").map((stage) => column(stage, true))}</div>
        </div>
        <DragOverlay>{dragging ? <CardBody card={dragging} nowMs={nowMs} className="shadow-lg" /> : null}</DragOverlay>
      </DndContext>
      <RejectDialog
        name={rejecting?.card.candidate.name ?? ""}
        open={!!rejecting}
        onOpenChange={(o) => !o && setRejecting(null)}
        onConfirm={async (reason, note) => (rejecting ? move(rejecting.card, rejecting.to, { reason, note }) : null)}
      />
      <p className="sr-only" aria-live="polite">
        {cards.length} applications: {stages.map((s) => `${s.name} ${byStage.get(s.id)?.length ?? 0}`).join(", ")}.
      </p>
    </>
  );
}

function Column({ stage, cards, closing, children }: { stage: StageLike; cards: Card[]; closing: boolean; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: `stage-${stage.id}` });
  const headingId = `stage-${stage.id}-heading`;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-testid={`stage-${stage.key}`}
      className={cn("flex flex-col gap-2 rounded-lg border bg-muted/40 p-2", closing ? "w-full bg-muted/20" : "min-w-52 flex-1", isOver && "ring-2 ring-primary")}
    >
      <h2 id={headingId} className="flex items-center justify-between px-1 text-sm font-semibold">
        <span>{stage.name}</span>
        <span className="rounded-full bg-background px-2 text-xs tabular-nums text-muted-foreground" aria-label={`${cards.length} applications`}>
          {cards.length}
        </span>
      </h2>
      <ul className={cn("grid content-start gap-2", closing ? "min-h-10" : "min-h-24")} aria-label={`${stage.name} applications`}>
        {children}
      </ul>
    </section>
  );
}

function CardBody({ card, nowMs, className, handle, menu }: { card: Card; nowMs: number; className?: string; handle?: React.ReactNode; menu?: React.ReactNode }) {
  return (
    <div className={cn("grid gap-1 rounded-md border bg-background p-2 text-sm", className)}>
      <div className="flex items-start gap-1">
        {handle}
        <Link prefetch={false} href={`/applications/${card.id}`} className="mr-auto font-medium text-primary underline-offset-4 hover:underline">
          {card.candidate.name}
        </Link>
        {menu}
      </div>
      {card.candidate.currentTitle && <span className="text-xs text-muted-foreground">{card.candidate.currentTitle}</span>}
      <div className="flex items-center justify-between gap-2">
        <Rating value={card.rating} />
        <span className="text-xs text-muted-foreground" title="Time in this stage">
          {formatDuration(Math.max(0, nowMs - new Date(card.stageEnteredAt).getTime()))} in stage
        </span>
      </div>
    </div>
  );
}

function CardItem({ card, stages, nowMs, onMove }: { card: Card; stages: StageLike[]; nowMs: number; onMove: (to: StageLike) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `card-${card.id}` });
  return (
    <li ref={setNodeRef} className={cn(isDragging && "opacity-40")} data-testid={`card-${card.id}`}>
      <CardBody
        card={card}
        nowMs={nowMs}
        handle={
          <button
            type="button"
            className="-ml-1 cursor-grab rounded p-0.5 text-muted-foreground hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={`Drag ${card.candidate.name}`}
            {...attributes}
            {...listeners}
          >
            <GripVerticalIcon className="size-4" aria-hidden />
          </button>
        }
        menu={
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" className="size-6" aria-label={`Move ${card.candidate.name}`}>
                <MoreHorizontalIcon aria-hidden />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>Move to</DropdownMenuLabel>
              {stages
                .filter((s) => s.id !== card.stageId)
                .map((s) => (
                  <DropdownMenuItem key={s.id} onSelect={() => onMove(s)}>
                    {s.name}
                  </DropdownMenuItem>
                ))}
            </DropdownMenuContent>
          </DropdownMenu>
        }
      />
    </li>
  );
}
