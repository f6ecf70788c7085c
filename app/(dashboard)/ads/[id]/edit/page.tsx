import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pathId } from "@/lib/path-id";
import { AdEditForm } from "@/components/ads/ad-edit-form";
import { getAd, toFormValues } from "@/lib/ads/ad";
import { requirePageUser } from "@/lib/auth/session";
import { ADZUNA_CATEGORIES } from "@/lib/import/categories";

export const metadata: Metadata = { title: "Edit ad" };

export default async function EditAdPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("ads:edit");
  const id = await pathId(params);
  const ad = await getAd(id);
  if (!ad) notFound();
  const categories = [...new Set([...ADZUNA_CATEGORIES, ...(ad.category ? [ad.category] : [])])].sort();
  return (
    <div className="grid max-w-3xl gap-4">
      <div>
        <Link href={`/ads/${ad.id}`} className="text-sm text-primary underline-offset-4 hover:underline">
          ← Back to the ad
        </Link>
        <h1 className="text-2xl font-semibold">Edit ad</h1>
      </div>
      <AdEditForm id={ad.id} version={ad.version} initial={toFormValues(ad)} locationLabel={ad.locationLabel} categories={categories} />
    </div>
  );
}
