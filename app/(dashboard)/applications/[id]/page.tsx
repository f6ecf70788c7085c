import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pathId } from "@/lib/path-id";
import { MoveControl, NoteForm, RatingControl } from "@/components/pipeline/application-controls";
import { StageBadge } from "@/components/pipeline/stage-badge";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { dateTime } from "@/lib/format";
import { getApplication } from "@/lib/pipeline/applications";
import { formatDuration } from "@/lib/pipeline/stages";

export const metadata: Metadata = { title: "Application" };

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("candidates:read");
  const app = await getApplication(await pathId(params));
  if (!app) notFound();
  const stageName = (sid: number | null) => app.stages.find((s) => s.id === sid)?.name ?? "—";
  const write = can(user.role, "applications:write") && !app.candidate.erasedAt;
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <Link href={`/ads/${app.ad.id}/pipeline`} className="text-sm text-primary underline-offset-4 hover:underline">
          ← Pipeline: {app.ad.title}
        </Link>
        <h1 className="text-2xl font-semibold">
          {app.candidate.name} for {app.ad.title}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-muted-foreground">
          <StageBadge stage={app.stage} />
          <span>since {dateTime.format(app.stageEnteredAt)}</span>
          {app.rejectReason && (
            <span>
              · Rejected: {app.rejectReason}
              {app.rejectNote ? ` (${app.rejectNote})` : ""}
            </span>
          )}
        </p>
        <p className="text-sm">
          <Link href={`/candidates/${app.candidate.id}`} className="text-primary underline-offset-4 hover:underline">
            Candidate record
          </Link>
          {" · "}
          <Link href={`/ads/${app.ad.id}`} className="text-primary underline-offset-4 hover:underline">
            The ad{app.ad.company ? ` (${app.ad.company.name})` : ""}
          </Link>
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          {write && (
            <SectionCard title="Move">
              <MoveControl id={app.id} name={app.candidate.name} stageId={app.stageId} version={app.version} stages={app.stages} />
            </SectionCard>
          )}
          <SectionCard title="Stage history">
            <Table>
              <TableCaption className="sr-only">Every move of this application, oldest first</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Who</TableHead>
                  <TableHead>From</TableHead>
                  <TableHead>To</TableHead>
                  <TableHead>Reason</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {app.changes.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell className="whitespace-nowrap">{dateTime.format(c.createdAt)}</TableCell>
                    <TableCell>{c.actor?.name ?? "—"}</TableCell>
                    <TableCell>{c.fromStageId === null ? "(added)" : stageName(c.fromStageId)}</TableCell>
                    <TableCell>{stageName(c.toStageId)}</TableCell>
                    <TableCell>{c.reason ?? ""}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </SectionCard>
          <SectionCard title="Notes" contentClassName="grid gap-4">
            {write && <NoteForm id={app.id} />}
            {app.notes.length ? (
              <ul className="grid gap-3" aria-label="Notes">
                {app.notes.map((n) => (
                  <li key={n.id} className="rounded-md border p-3 text-sm">
                    <p className="mb-1 text-xs text-muted-foreground">
                      {n.author?.name ?? "Someone"}, {dateTime.format(n.createdAt)}
                    </p>
                    <p className="whitespace-pre-wrap break-words">{n.body}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">No notes yet.</p>
            )}
          </SectionCard>
        </div>
        <div className="grid content-start gap-6">
          <SectionCard title="Rating">
            {write ? <RatingControl id={app.id} rating={app.rating} /> : <p className="text-sm">{app.rating ? `${app.rating} out of 5` : "Not rated"}</p>}
          </SectionCard>
          <SectionCard title="Time in each stage">
            <dl className="grid gap-1 text-sm">
              {app.timeInStage.map(({ stage, ms }) => (
                <div key={stage.id} className="grid grid-cols-[1fr_auto] gap-2">
                  <dt>{stage.name}</dt>
                  <dd className="tabular-nums">{formatDuration(ms)}</dd>
                </div>
              ))}
            </dl>
          </SectionCard>
        </div>
      </div>
    </div>
  );
}
