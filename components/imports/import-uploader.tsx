"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { FileUpIcon, XIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress";
import { bytes } from "@/lib/format";
import { createImportDraftAction, discardImportAction } from "@/lib/import/actions";
import { cn } from "@/lib/utils";

const ACCEPT = /\.(csv|csv\.gz|txt|zip|pdf|docx)$/i;

/** PUT one file as the raw request body, reporting upload progress. */
function uploadFile(importId: string, file: File, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/imports/${importId}/files?name=${encodeURIComponent(file.name)}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `${file.name}: upload failed (${xhr.status})`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: string }).error ?? message;
      } catch {
        // not JSON (a proxy's error page): keep the status message
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error(`${file.name}: the connection was lost during the upload`));
    xhr.send(file);
  });
}

export function ImportUploader() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [sent, setSent] = useState<Record<string, number>>({});
  const [kind, setKind] = useState<"auto" | "ads" | "candidates">("auto");

  function add(list: FileList | File[]) {
    const incoming = Array.from(list);
    const rejected = incoming.filter((f) => !ACCEPT.test(f.name));
    setError(rejected.length ? `Only .csv, .csv.gz, .txt, .zip, .pdf and .docx files can be imported: ${rejected.map((f) => f.name).join(", ")}` : null);
    setFiles((cur) => [...cur, ...incoming.filter((f) => ACCEPT.test(f.name) && !cur.some((c) => c.name === f.name && c.size === f.size))]);
  }

  async function upload() {
    setUploading(true);
    setError(null);
    const draft = await createImportDraftAction({ kind });
    if (!draft.ok) {
      setError(draft.error);
      setUploading(false);
      return;
    }
    const { importId } = draft.data;
    try {
      for (const file of files) {
        await uploadFile(importId, file, (loaded) => setSent((s) => ({ ...s, [file.name]: loaded })));
        setSent((s) => ({ ...s, [file.name]: file.size }));
      }
      router.push(`/imports/${importId}`);
    } catch (e) {
      await discardImportAction({ importId });
      setError((e as Error).message);
      setUploading(false);
      setSent({});
    }
  }

  const total = files.reduce((a, f) => a + f.size, 0);
  const done = files.reduce((a, f) => a + (sent[f.name] ?? 0), 0);

  return (
    <Card>
      <CardHeader>
        <CardTitle>New import</CardTitle>
        <CardDescription>
          Adzuna CSV files (Train or Valid/Test layout, plain or gzipped as .csv.gz), text ads (.txt), a .zip of text ads in category folders, a candidates CSV (a Name column and
          Email, Phone or CV; merged by email), or CVs (.pdf, .docx, a .zip of them; one candidate per file). You will see a preview before anything is saved.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            add(e.dataTransfer.files);
          }}
          className={cn(
            "flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm text-muted-foreground",
            dragging && "border-primary bg-primary/5",
          )}
        >
          <FileUpIcon className="size-6" aria-hidden />
          <p>Drop files here, or</p>
          <Button variant="outline" size="sm" onClick={() => input.current?.click()} disabled={uploading}>
            Choose files
          </Button>
          <input
            ref={input}
            type="file"
            multiple
            accept=".csv,.gz,.txt,.zip,.pdf,.docx"
            className="sr-only"
            aria-label="Files to import"
            onChange={(e) => {
              if (e.target.files) add(e.target.files);
              e.target.value = "";
            }}
          />
        </div>
        {error && (
          <Alert variant="destructive" role="alert">
            {error}
          </Alert>
        )}
        {files.length > 0 && (
          <ul aria-label="Files to upload" className="grid gap-2">
            {files.map((f) => (
              <li key={`${f.name}-${f.size}`} className="grid gap-1 rounded-md border px-3 py-2 text-sm">
                <div className="flex items-center gap-2">
                  <span className="font-medium">{f.name}</span>
                  <span className="text-muted-foreground">{bytes(f.size)}</span>
                  {!uploading && (
                    <Button variant="ghost" size="icon" className="ml-auto size-7" aria-label={`Remove ${f.name}`} onClick={() => setFiles((cur) => cur.filter((c) => c !== f))}>
                      <XIcon aria-hidden />
                    </Button>
                  )}
                </div>
                {uploading && <ProgressBar label={`Uploading ${f.name}`} value={sent[f.name] ?? 0} max={f.size || 1} />}
              </li>
            ))}
          </ul>
        )}
        <label className="grid gap-1 text-sm sm:w-80">
          <span className="font-medium">What the files hold</span>
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
            disabled={uploading}
            aria-describedby="import-kind-hint"
            className="h-9 rounded-md border bg-background px-2 text-sm"
          >
            <option value="auto">Read it from each file</option>
            <option value="ads">Job ads</option>
            <option value="candidates">Candidates</option>
          </select>
          <span id="import-kind-hint" className="text-xs text-muted-foreground">
            Say &ldquo;Candidates&rdquo; for CVs saved as .txt, or a candidates CSV whose header has no Name column.
          </span>
        </label>
        <div className="flex items-center gap-3">
          <Button onClick={upload} disabled={!files.length || uploading}>
            {uploading ? `Uploading… ${total ? Math.floor((done / total) * 100) : 0}%` : "Upload and preview"}
          </Button>
          {files.length > 0 && !uploading && (
            <span className="text-sm text-muted-foreground">
              {files.length} file{files.length > 1 ? "s" : ""}, {bytes(total)}
            </span>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
