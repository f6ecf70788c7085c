import type { Metadata } from "next";
import { AdsWorkspace } from "@/components/ads/ads-workspace";
import { findAdsPage } from "@/lib/ads/find-ads";
import { getColumnPrefs, listViews } from "@/lib/ads/preferences";
import { loadAdsTableParams } from "@/lib/ads/table-params";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { tagOptions } from "@/lib/tags/service";

export const metadata: Metadata = { title: "Ads" };

export default async function AdsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("ads:read");
  const params = loadAdsTableParams(await searchParams);
  const [page, prefs, views, tags] = await Promise.all([findAdsPage(params), getColumnPrefs(user.id), listViews(user.id), tagOptions()]);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Ads</h1>
      <AdsWorkspace
        page={page}
        params={params}
        prefs={prefs}
        views={views}
        tags={tags}
        can={{
          tag: can(user.role, "ads:tag"),
          close: can(user.role, "ads:close"),
          closeCopies: can(user.role, "duplicates:manage"),
          export: can(user.role, "ads:export"),
          import: can(user.role, "imports:create"),
          createTags: can(user.role, "tags:manage"),
        }}
      />
    </div>
  );
}
