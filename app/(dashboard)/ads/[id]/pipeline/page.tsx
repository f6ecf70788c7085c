import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pathId } from "@/lib/path-id";
import { AddApplication } from "@/components/pipeline/add-application";
import { Board } from "@/components/pipeline/board";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getBoard } from "@/lib/pipeline/applications";

export const metadata: Metadata = { title: "Pipeline" };

export default async function PipelinePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("candidates:read");
  const board = await getBoard(await pathId(params));
  if (!board) notFound();
  const { ad, stages, cards } = board;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto grid gap-1">
          <Link href={`/ads/${ad.id}`} className="text-sm text-primary underline-offset-4 hover:underline">
            ← {ad.title}
          </Link>
          <h1 className="text-2xl font-semibold">Pipeline: {ad.title}</h1>
          <p className="text-sm text-muted-foreground">
            {ad.company?.name ?? "Company not given"} · {cards.length} {cards.length === 1 ? "application" : "applications"}
          </p>
        </div>
        {can(user.role, "applications:write") && (
          <div className="w-72">
            <AddApplication adId={ad.id} />
          </div>
        )}
      </div>
      {cards.length === 0 && <p className="text-sm text-muted-foreground">No applications yet. Add a candidate to start the pipeline.</p>}
      <Board stages={stages} initialCards={cards.map((c) => ({ ...c, stageEnteredAt: c.stageEnteredAt.toISOString() }))} now={new Date().toISOString()} />
    </div>
  );
}
