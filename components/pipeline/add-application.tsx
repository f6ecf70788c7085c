"use client";
// "Add to a role" (from a candidate) or "Add a candidate" (from an ad): pick the other side, create
// the application. A second application for the same pair links to the existing one.
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { createApplicationAction } from "@/lib/pipeline/actions";

export function AddApplication(props: { candidateId: number } | { adId: number }) {
  const router = useRouter();
  const [existing, setExisting] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fromCandidate = "candidateId" in props;
  return (
    <div className="grid gap-2">
      <AsyncCombobox
        url={fromCandidate ? "/api/ads/search" : "/api/candidates/search"}
        label={fromCandidate ? "Add to a role" : "Add a candidate"}
        placeholder={fromCandidate ? "Search open ads by title or Adzuna Id…" : "Search candidates by name, title or email…"}
        buttonText={fromCandidate ? "Add to a role…" : "Add a candidate…"}
        map={(r) =>
          fromCandidate
            ? { id: Number(r.id), label: String(r.title), detail: [r.company, r.location].filter(Boolean).join(" · ") || undefined }
            : { id: Number(r.id), label: String(r.name), detail: [r.currentTitle, r.email].filter(Boolean).join(" · ") || undefined }
        }
        onSelect={async (o) => {
          setExisting(null);
          setError(null);
          const r = await createApplicationAction(fromCandidate ? { candidateId: props.candidateId, adId: o.id } : { candidateId: o.id, adId: props.adId });
          if (r.ok) {
            toast.success(fromCandidate ? `Added to ${o.label}` : `${o.label} added`);
            router.refresh();
            return;
          }
          const applicationId = (r.details as { applicationId?: number } | undefined)?.applicationId;
          if (r.code === "CONFLICT" && applicationId) setExisting(applicationId);
          setError(r.error);
        }}
      />
      {error && (
        <Alert variant="destructive" role="alert">
          {error}{" "}
          {existing && (
            <Link className="font-medium underline underline-offset-4" href={`/applications/${existing}`}>
              Open the application
            </Link>
          )}
        </Alert>
      )}
    </div>
  );
}
