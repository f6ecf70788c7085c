import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pathId } from "@/lib/path-id";
import { createLoader } from "nuqs/server";
import { AdHistory } from "@/components/ads/ad-history";
import { Pagination } from "@/components/ui/pagination";
import { SectionCard } from "@/components/ui/section-card";
import { adCreation, getAd, getAdHistory } from "@/lib/ads/ad";
import { positiveInt } from "@/lib/url-params";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Ad history" };
const loadHistoryParams = createLoader({ page: positiveInt.withDefault(1) });

/** Every change of one ad, newest first, a page at a time (the ad page shows the newest few). */
export default async function AdHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("ads:read");
  const id = await pathId(params);
  const { page } = loadHistoryParams(await searchParams);
  const [ad, history] = await Promise.all([getAd(id), getAdHistory(id, { page })]);
  if (!ad) notFound();
  const first = (history.page - 1) * history.perPage + 1;
  const last = first + history.entries.length - 1;
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <Link href={`/ads/${ad.id}`} className="text-sm text-primary underline-offset-4 hover:underline">
          ← {ad.title}
        </Link>
        <h1 className="text-2xl font-semibold">History of this ad</h1>
        <p className="text-muted-foreground" role="status">
          {history.total === 0
            ? "No changes since it was created."
            : `Changes ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${history.total.toLocaleString("en-GB")}, newest first`}
        </p>
      </div>
      <SectionCard title="Changes">
        <AdHistory history={history} created={adCreation(ad)} />
      </SectionCard>
      <Pagination page={history.page} pages={history.pages} link={{ path: `/ads/${ad.id}/history`, param: "page" }} />
    </div>
  );
}
