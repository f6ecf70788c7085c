"use client";
import { useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { BookmarkIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { deleteViewAction, saveViewAction } from "@/lib/ads/actions";
import type { ColumnPrefs } from "@/lib/ads/columns";
import type { SavedViewRow } from "@/lib/ads/preferences";

export function SavedViewsMenu({ views, prefs, onApply }: { views: SavedViewRow[]; prefs: ColumnPrefs; onApply: (v: SavedViewRow) => void }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const query = new URLSearchParams(searchParams);
    query.delete("page");
    const r = await saveViewAction({ name, query: query.toString(), columns: prefs });
    if (!r.ok) return setError(r.fieldErrors?.name ?? r.error);
    toast.success(`Saved the view “${r.data.name}”`);
    setSaving(false);
    setName("");
    router.refresh();
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm">
            <BookmarkIcon aria-hidden /> Views
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-64">
          <DropdownMenuLabel>Saved views</DropdownMenuLabel>
          {views.length === 0 && <p className="px-2 py-1.5 text-sm text-muted-foreground">None yet.</p>}
          {views.map((v) => (
            <div key={v.id} className="flex items-center">
              <DropdownMenuItem
                className="flex-1"
                onSelect={() => {
                  onApply(v);
                  router.push(`/ads${v.query ? `?${v.query}` : ""}`);
                }}
              >
                {v.name}
              </DropdownMenuItem>
              <DropdownMenuItem
                aria-label={`Delete the view ${v.name}`}
                onSelect={async () => {
                  const r = await deleteViewAction({ id: v.id });
                  if (r.ok) {
                    toast.success(`Deleted the view “${v.name}”`);
                    router.refresh();
                  } else toast.error(r.error);
                }}
              >
                <Trash2Icon aria-hidden />
              </DropdownMenuItem>
            </div>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setSaving(true)}>Save this view…</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={saving} onOpenChange={(o) => (setSaving(o), setError(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Save this view</DialogTitle>
            <DialogDescription>Keeps the search, filters, sort and columns under a name. A view with the same name is replaced.</DialogDescription>
          </DialogHeader>
          <form onSubmit={save} className="grid gap-4">
            <Field id="view-name" label="Name" error={error ?? undefined}>
              <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={60} />
            </Field>
            <DialogFooter>
              <Button type="submit">Save view</Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
