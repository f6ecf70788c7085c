import "server-only";
import { getDb, type Prisma } from "@/lib/db/client";

export const adListSelect = {
  id: true,
  externalId: true,
  title: true,
  category: true,
  status: true,
  updatedAt: true,
  company: { select: { name: true } },
  location: { select: { name: true } },
  locationRaw: true,
} satisfies Prisma.AdSelect;
export type AdListRow = Prisma.AdGetPayload<{ select: typeof adListSelect }>;

export async function listAds({ page, perPage }: { page: number; perPage: number }) {
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.ad.findMany({ select: adListSelect, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.ad.count(),
  ]);
  return { rows, total };
}
