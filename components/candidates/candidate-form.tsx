"use client";
// Create or edit a candidate. The CV is pasted, or read from an uploaded .txt / .pdf / .docx (the
// server extracts the text into the box, where it can be checked). On create, a matching email or
// phone number shows the existing records first; on edit, someone else's save is not overwritten.
import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { createCandidateAction, updateCandidateAction } from "@/lib/candidates/actions";
import { ZCandidateFields, type TCandidateFields, type TCandidateFieldsInput } from "@/lib/candidates/schemas";
import type { DuplicateMatch } from "@/lib/candidates/service";

const EMPTY: TCandidateFieldsInput = {
  name: "",
  email: "",
  phone: "",
  location: "",
  currentTitle: "",
  source: "",
  cvText: "",
  cvFileName: "",
  desiredSalary: "",
  skills: "",
  willingToRelocate: false,
};

export function CandidateForm({ id, version: openedAt, initial }: { id?: number; version?: number; initial?: Partial<TCandidateFieldsInput> }) {
  const router = useRouter();
  const version = openedAt ?? 1;
  const [duplicates, setDuplicates] = useState<{ list: DuplicateMatch[]; canConfirm: boolean; message: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const form = useForm<TCandidateFieldsInput, unknown, TCandidateFields>({ resolver: zodResolver(ZCandidateFields), defaultValues: { ...EMPTY, ...initial } });
  const { errors, isSubmitting } = form.formState;
  const cvFileName = useWatch({ control: form.control, name: "cvFileName" });

  async function save(confirmDuplicate: boolean) {
    setFormError(null);
    const fields = form.getValues();
    const r = id ? await updateCandidateAction({ id, version, fields }) : await createCandidateAction({ fields, confirmDuplicate });
    if (r.ok) {
      toast.success(id ? "Saved" : "Candidate added");
      const target = id ?? (r.data as { id: number }).id;
      router.push(`/candidates/${target}`);
      router.refresh();
      return;
    }
    const details = r.details as { duplicates?: DuplicateMatch[]; canConfirm?: boolean; version?: number } | undefined;
    if (r.code === "CONFLICT" && details?.duplicates) {
      setDuplicates({ list: details.duplicates, canConfirm: !!details.canConfirm, message: r.error });
      return;
    }
    if (r.code === "CONFLICT" && details?.version) {
      setFormError(r.error);
      return;
    }
    for (const [k, message] of Object.entries(r.fieldErrors ?? {})) form.setError(k.replace(/^fields\./, "") as keyof TCandidateFieldsInput, { message });
    setFormError(r.error);
  }

  async function readCv(file: File) {
    setReading(true);
    try {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch("/api/candidates/cv", { method: "POST", body });
      const data = (await res.json().catch(() => ({}))) as { text?: string; fileName?: string; error?: string };
      if (!res.ok || data.text === undefined) {
        form.setError("cvText", { message: data.error ?? `The CV could not be read (${res.status}).` });
        return;
      }
      form.clearErrors("cvText");
      form.setValue("cvText", data.text, { shouldDirty: true });
      form.setValue("cvFileName", data.fileName ?? file.name, { shouldDirty: true });
      toast.success(`Read ${data.fileName ?? file.name}`);
    } finally {
      setReading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  return (
    <form onSubmit={form.handleSubmit(() => save(false))} className="grid max-w-3xl gap-5" noValidate>
      {duplicates && (
        <Alert variant="destructive" role="alert" className="grid gap-3">
          <p className="font-medium">{duplicates.message}</p>
          <ul className="grid gap-1 text-sm">
            {duplicates.list.map((d) => (
              <li key={d.id}>
                <Link href={`/candidates/${d.id}`} className="font-medium text-primary underline underline-offset-4">
                  Open {d.name}
                </Link>{" "}
                <span className="text-muted-foreground">
                  ({[d.email, d.phone].filter(Boolean).join(", ")}; same {d.matchedOn.join(" and ")})
                </span>
              </li>
            ))}
          </ul>
          {duplicates.canConfirm && (
            <div>
              <Button type="button" variant="outline" onClick={() => save(true).then(() => setDuplicates(null))}>
                Not the same person: add anyway
              </Button>
            </div>
          )}
        </Alert>
      )}
      {formError && (
        <Alert variant="destructive" role="alert">
          {formError}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Name" error={errors.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </Field>
        <Field id="currentTitle" label="Current job title" error={errors.currentTitle?.message}>
          <Input {...form.register("currentTitle")} />
        </Field>
        <Field id="email" label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="off" {...form.register("email", { onChange: () => setDuplicates(null) })} />
        </Field>
        <Field id="phone" label="Phone" error={errors.phone?.message}>
          <Input type="tel" autoComplete="off" {...form.register("phone", { onChange: () => setDuplicates(null) })} />
        </Field>
        <Field id="location" label="Location" error={errors.location?.message}>
          <Input {...form.register("location")} />
        </Field>
        <Field id="source" label="Source" hint="Where they came from: LinkedIn, referral, job board…" error={errors.source?.message}>
          <Input {...form.register("source")} />
        </Field>
        <Field id="desiredSalary" label="Desired salary" hint="A year's pay, or a rate: £32,000, 30-35k, £15 per hour" error={errors.desiredSalary?.message}>
          <Input {...form.register("desiredSalary")} />
        </Field>
        <Field id="skills" label="Skills" hint="Comma-separated" error={errors.skills?.message}>
          <Input {...form.register("skills")} />
        </Field>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="size-4" {...form.register("willingToRelocate")} />
          Willing to relocate
        </label>
      </div>
      <div className="grid gap-2">
        <Field id="cvText" label="CV" hint="Paste the CV, or read it from a .txt, .pdf or .docx file (up to 5 MB)." error={errors.cvText?.message}>
          <Textarea rows={12} {...form.register("cvText")} />
        </Field>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="inline-flex cursor-pointer items-center gap-2">
            <span className="sr-only">CV file</span>
            <input
              ref={fileInput}
              type="file"
              aria-label="CV file"
              accept=".txt,.pdf,.docx,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              disabled={reading}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void readCv(f);
              }}
              className="text-sm file:mr-3 file:rounded-md file:border file:bg-background file:px-3 file:py-1.5 file:text-sm"
            />
          </label>
          {reading && <span role="status">Reading the CV…</span>}
          {cvFileName && !reading && <span className="text-muted-foreground">From {cvFileName}</span>}
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={isSubmitting || reading}>
          {id ? "Save candidate" : "Add candidate"}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
