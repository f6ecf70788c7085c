"use client";
// Rejecting needs a reason from the list (and words for "Other"): asked before the move is sent.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { NativeSelect, Textarea } from "@/components/ui/input";
import { REJECT_REASONS } from "@/lib/pipeline/stages";

export function RejectDialog({
  name,
  open,
  onOpenChange,
  onConfirm,
}: {
  name: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Returns an error to show, or null when done. */
  onConfirm: (reason: string, note: string) => Promise<string | null>;
}) {
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each opening starts empty (reset during render when `open` turns true, not in an effect).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setReason("");
      setNote("");
      setError(null);
    }
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reject {name}</DialogTitle>
          <DialogDescription>Say why: the reason is kept with the application and counted in the statistics.</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!reason) return setError("Choose a reason for the rejection.");
            if (reason === "Other" && !note.trim()) return setError("Say why the candidate was rejected.");
            setBusy(true);
            const problem = await onConfirm(reason, note);
            setBusy(false);
            if (problem) setError(problem);
            else onOpenChange(false);
          }}
        >
          <Field id="reject-reason" label="Reason" error={error ?? undefined}>
            <NativeSelect value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">Choose a reason…</option>
              {REJECT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="reject-note" label={reason === "Other" ? "Details" : "Details (optional)"}>
            <Textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={busy}>
              {busy ? "Rejecting…" : "Reject"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
