import type { Metadata } from "next";
import { DuplicatesRebuild } from "@/components/admin/duplicates-rebuild";
import { duplicateStats, latestRun } from "@/lib/ads/duplicate-runs";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Duplicate ads" };

export default async function DuplicatesAdminPage() {
  await requirePageUser("duplicates:manage");
  const [stats, run] = await Promise.all([duplicateStats(), latestRun()]);
  return (
    <div className="grid max-w-2xl gap-4">
      <h1 className="text-2xl font-semibold">Duplicate ads</h1>
      <p className="text-sm text-muted-foreground">
        Every import groups the ads that advertise the same vacancy again — reposted, on another board, by another agency, or for another town. A rebuild finds every group again
        from scratch: for a database imported before grouping existed, or after many “Not a duplicate” marks (which it keeps).
      </p>
      <dl className="grid grid-cols-3 gap-3 text-sm">
        <div className="rounded-lg border p-3">
          <dt className="text-muted-foreground">Groups</dt>
          <dd className="text-xl font-semibold tabular-nums">{stats.groups.toLocaleString("en-GB")}</dd>
        </div>
        <div className="rounded-lg border p-3">
          <dt className="text-muted-foreground">Ads in a group</dt>
          <dd className="text-xl font-semibold tabular-nums">{stats.inGroups.toLocaleString("en-GB")}</dd>
        </div>
        <div className="rounded-lg border p-3">
          <dt className="text-muted-foreground">“Not a duplicate” marks</dt>
          <dd className="text-xl font-semibold tabular-nums">{stats.marks.toLocaleString("en-GB")}</dd>
        </div>
      </dl>
      <DuplicatesRebuild run={run} />
    </div>
  );
}
