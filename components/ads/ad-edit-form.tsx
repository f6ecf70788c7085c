"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { AsyncCombobox } from "@/components/ui/async-combobox";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EditConflict } from "@/lib/ads/ad";
import { updateAdAction } from "@/lib/ads/actions";
import { CONTRACT_LABELS } from "@/lib/ads/fields";
import { CONTRACT_TIMES, CONTRACT_TYPES, SALARY_PERIODS, ZAdFields, type TAdFields, type TAdFieldsInput } from "@/lib/ads/schemas";
import { dateTime } from "@/lib/format";

const LABELS: Record<keyof TAdFieldsInput, string> = {
  title: "Title",
  description: "Description",
  company: "Company",
  locationId: "Location",
  category: "Category",
  contractType: "Contract type",
  contractTime: "Contract time",
  salaryMin: "Salary from",
  salaryMax: "Salary to",
  salaryPeriod: "Salary period",
  status: "Status",
};
const OPTION_LABELS: Record<string, string> = {
  ...CONTRACT_LABELS,
  YEAR: "a year",
  MONTH: "a month",
  WEEK: "a week",
  DAY: "a day",
  HOUR: "an hour",
  OPEN: "Open",
  CLOSED: "Closed",
};

export function AdEditForm({
  id,
  version: openedAt,
  initial,
  locationLabel,
  categories,
}: {
  id: number;
  version: number;
  initial: TAdFieldsInput;
  locationLabel: string | null;
  categories: string[];
}) {
  const router = useRouter();
  const [version, setVersion] = useState(openedAt);
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const [place, setPlace] = useState(locationLabel);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TAdFieldsInput, unknown, TAdFields>({ resolver: zodResolver(ZAdFields), defaultValues: initial });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(fields: TAdFields) {
    setFormError(null);
    const r = await updateAdAction({ id, version, fields: form.getValues() });
    void fields;
    if (r.ok) {
      toast.success("Saved");
      router.push(`/ads/${id}`);
      router.refresh();
      return;
    }
    if (r.code === "CONFLICT" && r.details) {
      setConflict(r.details as EditConflict);
      return;
    }
    for (const [k, message] of Object.entries(r.fieldErrors ?? {})) form.setError(k.replace(/^fields\./, "") as keyof TAdFieldsInput, { message });
    setFormError(r.error);
  }

  const yours = useWatch({ control: form.control }) as TAdFieldsInput;
  const differing = conflict ? (Object.keys(LABELS) as (keyof TAdFieldsInput)[]).filter((k) => (conflict.theirs[k] ?? "") !== (yours[k] ?? "")) : [];
  const show = (k: keyof TAdFieldsInput, v: string | undefined) => {
    const s = v ?? "";
    if (!s) return "—";
    if (k === "description") return s.length > 200 ? `${s.slice(0, 200)}…` : s;
    return OPTION_LABELS[s] ?? s;
  };

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-5" noValidate>
      {conflict && (
        <Alert variant="destructive" role="alert" className="grid gap-3">
          <p className="font-medium">
            Someone saved this ad after you opened it{conflict.by ? ` (${conflict.by}` : ""}
            {conflict.at ? `${conflict.by ? ", " : " ("}${dateTime.format(new Date(conflict.at))})` : conflict.by ? ")" : ""}. Your changes were not saved.
          </p>
          {differing.length ? (
            <Table>
              <TableCaption className="sr-only">Their values beside yours</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Field</TableHead>
                  <TableHead>Saved by them</TableHead>
                  <TableHead>Yours</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {differing.map((k) => (
                  <TableRow key={k}>
                    <TableCell>{LABELS[k]}</TableCell>
                    <TableCell>{show(k, conflict.theirs[k] as string)}</TableCell>
                    <TableCell>{show(k, yours[k] as string)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <p>Their values are the same as yours.</p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              onClick={() => {
                setVersion(conflict.version);
                setConflict(null);
              }}
            >
              Keep mine (save over theirs)
            </Button>
            <Button
              type="button"
              variant="outline"
              onClick={() => {
                form.reset(conflict.theirs);
                setVersion(conflict.version);
                setConflict(null);
              }}
            >
              Use theirs
            </Button>
          </div>
        </Alert>
      )}
      {formError && !conflict && (
        <Alert variant="destructive" role="alert">
          {formError}
        </Alert>
      )}
      <Field id="ad-title" label={LABELS.title} error={errors.title?.message}>
        <Input {...form.register("title")} />
      </Field>
      <Field id="ad-description" label={LABELS.description} error={errors.description?.message}>
        <Textarea rows={12} {...form.register("description")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="ad-company" label={LABELS.company} error={errors.company?.message} hint="Leave empty when the ad names no company.">
          <Input {...form.register("company")} />
        </Field>
        <div className="grid gap-1.5">
          <span className="text-sm font-medium" id="ad-location-label">
            {LABELS.locationId}
          </span>
          <AsyncCombobox
            url="/api/locations"
            label="Location"
            labelledBy="ad-location-label"
            placeholder="Town, county or area…"
            buttonText={place ?? "Choose a place…"}
            map={(r) => ({ id: Number(r.id), label: String(r.name), detail: String(r.label) })}
            onSelect={(o) => {
              form.setValue("locationId", String(o.id), { shouldDirty: true });
              setPlace(o.detail ?? o.label);
            }}
          />
          {place && (
            <Button
              type="button"
              variant="link"
              size="sm"
              className="h-auto justify-start p-0"
              onClick={() => {
                form.setValue("locationId", "", { shouldDirty: true });
                setPlace(null);
              }}
            >
              Clear the location
            </Button>
          )}
          {errors.locationId && <p className="text-xs text-destructive">{errors.locationId.message}</p>}
        </div>
        <Field id="ad-category" label={LABELS.category} error={errors.category?.message}>
          <NativeSelect {...form.register("category")}>
            <option value="">Not stated</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="ad-status" label={LABELS.status} error={errors.status?.message}>
          <NativeSelect {...form.register("status")}>
            <option value="OPEN">Open</option>
            <option value="CLOSED">Closed</option>
          </NativeSelect>
        </Field>
        <Field id="ad-contract-type" label={LABELS.contractType} error={errors.contractType?.message}>
          <NativeSelect {...form.register("contractType")}>
            <option value="">Not stated</option>
            {CONTRACT_TYPES.map((c) => (
              <option key={c} value={c}>
                {OPTION_LABELS[c]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="ad-contract-time" label={LABELS.contractTime} error={errors.contractTime?.message}>
          <NativeSelect {...form.register("contractTime")}>
            <option value="">Not stated</option>
            {CONTRACT_TIMES.map((c) => (
              <option key={c} value={c}>
                {OPTION_LABELS[c]}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Salary (£)</legend>
        <Field id="ad-salary-min" label={LABELS.salaryMin} error={errors.salaryMin?.message}>
          <Input inputMode="decimal" {...form.register("salaryMin")} />
        </Field>
        <Field id="ad-salary-max" label={LABELS.salaryMax} error={errors.salaryMax?.message}>
          <Input inputMode="decimal" {...form.register("salaryMax")} />
        </Field>
        <Field id="ad-salary-period" label={LABELS.salaryPeriod} error={errors.salaryPeriod?.message}>
          <NativeSelect {...form.register("salaryPeriod")}>
            <option value="">Not stated</option>
            {SALARY_PERIODS.map((p) => (
              <option key={p} value={p}>
                {OPTION_LABELS[p]}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </fieldset>
      <div className="flex gap-3">
        <Button type="submit" disabled={isSubmitting || !!conflict}>
          {isSubmitting ? "Saving…" : "Save changes"}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.push(`/ads/${id}`)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
