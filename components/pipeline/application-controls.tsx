"use client";
// On the application page: move to a stage (a rejection asks for the reason), rate 1–5, add notes.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect, Textarea } from "@/components/ui/input";
import { addNoteAction, moveApplicationAction, setRatingAction } from "@/lib/pipeline/actions";
import type { StageLike } from "@/lib/pipeline/stages";
import { RejectDialog } from "./reject-dialog";

export function MoveControl({ id, name, stageId, version, stages }: { id: number; name: string; stageId: number; version: number; stages: StageLike[] }) {
  const router = useRouter();
  const [to, setTo] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const send = async (target: StageLike, reject?: { reason: string; note: string }) => {
    const r = await moveApplicationAction({ id, toStageId: target.id, version, reason: reject?.reason, note: reject?.note });
    router.refresh();
    if (!r.ok) {
      toast.error(r.error);
      return r.error;
    }
    toast.success(`Moved to ${target.name}`);
    setTo("");
    return null;
  };
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const target = stages.find((s) => String(s.id) === to);
        if (!target) return;
        if (target.kind === "REJECTED") setRejecting(true);
        else void send(target);
      }}
    >
      <Field id="move-to" label="Move to stage">
        <NativeSelect value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">Choose a stage…</option>
          {stages
            .filter((s) => s.id !== stageId)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </NativeSelect>
      </Field>
      <Button type="submit" disabled={!to}>
        Move
      </Button>
      <RejectDialog
        name={name}
        open={rejecting}
        onOpenChange={setRejecting}
        onConfirm={(reason, note) =>
          send(
            stages.find((s) => String(s.id) === to)!,
            { reason, note },
          )
        }
      />
    </form>
  );
}

export function RatingControl({ id, rating }: { id: number; rating: number | null }) {
  const router = useRouter();
  const set = async (value: number | null) => {
    const r = await setRatingAction({ id, rating: value });
    if (!r.ok) return toast.error(r.error);
    toast.success(value ? `Rated ${value} out of 5` : "Rating cleared");
    router.refresh();
  };
  return (
    <fieldset className="grid gap-2">
      <legend className="text-sm font-medium">Rating</legend>
      <div className="flex flex-wrap items-center gap-1" role="radiogroup" aria-label="Rating">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={rating === n}
            aria-label={`${n} out of 5`}
            onClick={() => set(n)}
            className="rounded p-0.5 text-xl leading-none text-amber-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <span aria-hidden>{rating !== null && n <= rating ? "★" : "☆"}</span>
          </button>
        ))}
        {rating !== null && (
          <Button type="button" variant="ghost" size="sm" onClick={() => set(null)}>
            Clear
          </Button>
        )}
      </div>
    </fieldset>
  );
}

export function NoteForm({ id }: { id: number }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="grid gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const r = await addNoteAction({ id, body });
        setBusy(false);
        if (!r.ok) return setError(r.error);
        setError(null);
        setBody("");
        toast.success("Note added");
        router.refresh();
      }}
    >
      <Field id="note" label="Add a note" error={error ?? undefined}>
        <Textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} />
      </Field>
      <div>
        <Button type="submit" size="sm" disabled={busy || !body.trim()}>
          Add note
        </Button>
      </div>
    </form>
  );
}
