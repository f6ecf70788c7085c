"use client";
// Merge another record into this one (recruiters and admins); export and erase (admins).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { AsyncCombobox, type ComboOption } from "@/components/ui/async-combobox";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { eraseCandidateAction, mergeCandidatesAction } from "@/lib/candidates/actions";

export function MergeCandidate({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [other, setOther] = useState<ComboOption | null>(null);
  return (
    <div className="grid gap-2">
      <AsyncCombobox
        url="/api/candidates/search"
        label="Duplicate record to merge into this one"
        placeholder="Search candidates…"
        buttonText={other ? other.label : "Choose the duplicate…"}
        map={(r) => ({ id: Number(r.id), label: String(r.name), detail: [r.email, r.currentTitle].filter(Boolean).join(" · ") || undefined })}
        onSelect={(o) => setOther(o.id === id ? null : o)}
      />
      <ConfirmDialog
        trigger="Merge into this record…"
        triggerVariant="secondary"
        disabled={!other}
        variant="default"
        title={`Merge ${other?.label ?? ""} into ${name}?`}
        description={
          <p>
            Their applications, notes, stage history and tags move to {name}; fields {name} has empty are filled from theirs. The other record is then deleted. This cannot be
            undone.
          </p>
        }
        confirmLabel="Merge"
        onConfirm={async () => {
          if (!other) return false;
          const r = await mergeCandidatesAction({ fromId: other.id, intoId: id });
          if (!r.ok) {
            toast.error(r.error);
            return false;
          }
          toast.success(`Merged: ${r.data.moved} application(s) moved, ${r.data.combined} combined`);
          setOther(null);
          router.refresh();
        }}
      />
    </div>
  );
}

export function CandidateDataProtection({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      <Button asChild variant="outline" size="sm">
        <a href={`/api/candidates/${id}/export`} download>
          Export data (JSON)
        </a>
      </Button>
      <ConfirmDialog
        trigger="Erase…"
        triggerLabel={`Erase ${name}`}
        title={`Erase ${name}?`}
        description={
          <p>
            Their name, contact details, CV, tags and notes are removed for good. Their applications stay, anonymous, so the pipeline numbers still add up. This is recorded in the
            audit log and cannot be undone.
          </p>
        }
        confirmLabel="Erase for good"
        onConfirm={async () => {
          const r = await eraseCandidateAction({ id });
          if (!r.ok) {
            toast.error(r.error);
            return false;
          }
          toast.success("Candidate erased");
          router.refresh();
        }}
      />
    </div>
  );
}
