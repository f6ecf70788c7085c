"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { createTagAction, deleteTagAction, mergeTagsAction, updateTagAction } from "@/lib/tags/actions";
import { TAG_COLOR_NAMES, TAG_COLORS } from "@/lib/tags/colors";
import type { TagRow } from "@/lib/tags/service";

const count = (n: number) => n.toLocaleString("en-GB");

function TagForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: { name: string; color: string };
  submitLabel: string;
  onSubmit: (v: { name: string; color: string }) => Promise<string | null>;
}) {
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.color);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="grid gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(await onSubmit({ name, color }));
      }}
    >
      <Field id="tag-name" label="Name" error={error ?? undefined}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} autoFocus />
      </Field>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Colour</legend>
        <div className="flex flex-wrap gap-2">
          {TAG_COLORS.map((c) => (
            <label key={c} className="flex cursor-pointer items-center gap-1.5 text-sm">
              <input type="radio" name="tag-color" value={c} checked={color === c} onChange={() => setColor(c)} className="sr-only peer" />
              <span
                className="size-6 rounded-full ring-offset-2 peer-checked:ring-2 peer-checked:ring-ring peer-focus-visible:ring-2 peer-focus-visible:ring-ring"
                style={{ backgroundColor: c }}
                aria-hidden
              />
              <span className="sr-only">{TAG_COLOR_NAMES[c]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <DialogFooter>
        <Button type="submit">{submitLabel}</Button>
      </DialogFooter>
    </form>
  );
}

export function TagsManager({ tags }: { tags: TagRow[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TagRow | null>(null);
  const [merging, setMerging] = useState<TagRow | null>(null);
  const [into, setInto] = useState("");
  const done = (message: string) => {
    toast.success(message);
    router.refresh();
  };
  return (
    <div className="grid gap-4">
      <div>
        <Button onClick={() => setCreating(true)}>New tag</Button>
      </div>
      {tags.length === 0 ? (
        <p className="text-muted-foreground">No tags yet.</p>
      ) : (
        <div className="rounded-lg border">
          <Table>
            <TableCaption className="sr-only">Tags</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Tag</TableHead>
                <TableHead numeric>Ads</TableHead>
                <TableHead>Created by</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tags.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>
                    <Badge style={{ backgroundColor: t.color }} className="border-transparent text-white">
                      {t.name}
                    </Badge>
                  </TableCell>
                  <TableCell numeric>{count(t.ads)}</TableCell>
                  <TableCell>{t.createdBy ?? "—"}</TableCell>
                  <TableCell className="flex justify-end gap-2">
                    <Button variant="outline" size="sm" onClick={() => setEditing(t)} aria-label={`Rename ${t.name}`}>
                      Rename
                    </Button>
                    <Button variant="outline" size="sm" onClick={() => (setMerging(t), setInto(""))} aria-label={`Merge ${t.name}`} disabled={tags.length < 2}>
                      Merge
                    </Button>
                    <ConfirmDialog
                      trigger="Delete"
                      triggerLabel={`Delete ${t.name}`}
                      title={`Delete the tag “${t.name}”?`}
                      description={t.ads ? `It is on ${count(t.ads)} ad${t.ads === 1 ? "" : "s"}; they will lose it.` : "No ad carries it."}
                      confirmLabel="Delete tag"
                      onConfirm={async () => {
                        const r = await deleteTagAction({ id: t.id });
                        if (!r.ok) {
                          toast.error(r.error);
                          return false;
                        }
                        done(`Deleted “${t.name}”`);
                      }}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>New tag</DialogTitle>
          </DialogHeader>
          <TagForm
            initial={{ name: "", color: TAG_COLORS[6] }}
            submitLabel="Create tag"
            onSubmit={async (v) => {
              const r = await createTagAction(v as { name: string; color: (typeof TAG_COLORS)[number] });
              if (!r.ok) return r.fieldErrors?.name ?? r.error;
              setCreating(false);
              done(`Created “${r.data.name}”`);
              return null;
            }}
          />
        </DialogContent>
      </Dialog>
      <Dialog open={!!editing} onOpenChange={(o) => !o && setEditing(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Rename “{editing?.name}”</DialogTitle>
          </DialogHeader>
          {editing && (
            <TagForm
              initial={{ name: editing.name, color: editing.color }}
              submitLabel="Save"
              onSubmit={async (v) => {
                const r = await updateTagAction({ id: editing.id, ...(v as { name: string; color: (typeof TAG_COLORS)[number] }) });
                if (!r.ok) return r.fieldErrors?.name ?? r.error;
                setEditing(null);
                done("Tag saved");
                return null;
              }}
            />
          )}
        </DialogContent>
      </Dialog>
      <Dialog open={!!merging} onOpenChange={(o) => !o && setMerging(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Merge “{merging?.name}” into another tag</DialogTitle>
            <DialogDescription>
              Its {count(merging?.ads ?? 0)} ads get the other tag, and “{merging?.name}” is deleted.
            </DialogDescription>
          </DialogHeader>
          <form
            className="grid gap-4"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!merging || !into) return;
              const r = await mergeTagsAction({ fromId: merging.id, intoId: Number(into) });
              if (!r.ok) return toast.error(r.error);
              setMerging(null);
              done(`Merged into “${r.data.into}”`);
            }}
          >
            <Field id="merge-into" label="Merge into">
              <NativeSelect value={into} onChange={(e) => setInto(e.target.value)}>
                <option value="">Choose a tag…</option>
                {tags
                  .filter((t) => t.id !== merging?.id)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
              </NativeSelect>
            </Field>
            <DialogFooter>
              <Button type="submit" disabled={!into}>
                Merge
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
