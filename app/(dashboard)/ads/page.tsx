import type { Metadata } from "next";
import { AdsList } from "@/components/ads/ads-list";
import { listAds } from "@/lib/ads/list-ads";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Ads" };
const PER_PAGE = 25;

export default async function AdsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePageUser("ads:read");
  const requested = Number.parseInt((await searchParams).page ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const { rows, total } = await listAds({ page, perPage: PER_PAGE });
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Ads</h1>
      <AdsList rows={rows} total={total} page={page} perPage={PER_PAGE} />
    </div>
  );
}
