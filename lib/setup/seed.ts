// First-run data: the location tree, the seed ads in seeds/, and an admin account. Every step is
// idempotent: running set-up again keeps existing data and changes nothing that is already there.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { decodeBytes } from "@/lib/import/decode";
import { titleKey } from "@/lib/ads/derive";
import { parseTextAd } from "@/lib/import/text-ad";
import { loadLocationTree } from "@/lib/locations/load-tree";

export const SEEDS_DIR = path.resolve("seeds");

export async function seedAds(db: Db, dir = SEEDS_DIR): Promise<{ created: number; existing: number }> {
  let created = 0;
  let existing = 0;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()) {
    const parsed = parseTextAd(decodeBytes(readFileSync(path.join(dir, file))).text);
    if (!parsed.ok) {
      const p = parsed.problems[0];
      throw new Error(`seeds/${file}, line ${p.line}, ${p.field}: ${p.message}`);
    }
    const { ad } = parsed;
    if (await db.ad.findUnique({ where: { externalId: ad.webindex }, select: { id: true } })) {
      existing++;
      continue;
    }
    const company = ad.company
      ? await db.company.upsert({
          where: { nameKey: ad.company.toLowerCase() },
          create: { name: ad.company, nameKey: ad.company.toLowerCase() },
          update: {},
          select: { id: true },
        })
      : null;
    await db.ad.create({
      data: {
        externalId: ad.webindex,
        title: ad.title,
        titleKey: titleKey(ad.title),
        text: { create: { description: ad.description } },
        companyId: company?.id ?? null,
        source: "seed",
      },
    });
    created++;
  }
  return { created, existing };
}

export type AdminLogin = { email: string; password: string | null; created: boolean };

/**
 * Makes sure an active admin exists. When none does, creates (or restores) ADMIN_EMAIL with
 * ADMIN_PASSWORD, or a generated password that is returned so it can be shown once.
 */
export async function ensureAdmin(db: Db, email: string, password: string | undefined): Promise<AdminLogin> {
  const admin = await db.user.findFirst({ where: { role: "ADMIN", active: true }, orderBy: { createdAt: "asc" }, select: { email: true } });
  if (admin) return { email: admin.email, password: null, created: false };
  const normalised = email.trim().toLowerCase();
  const plain = password ?? generatePassword();
  const passwordHash = await hashPassword(plain);
  await db.user.upsert({
    where: { email: normalised },
    create: { email: normalised, name: "Admin", role: "ADMIN", passwordHash },
    update: { role: "ADMIN", active: true, passwordHash, sessionVersion: { increment: 1 } },
  });
  return { email: normalised, password: plain, created: true };
}

export async function seedAll(db: Db, opts: { adminEmail: string; adminPassword?: string; log?: (line: string) => void }) {
  const log = opts.log ?? (() => {});
  const locations = await loadLocationTree(db, path.join(SEEDS_DIR, "location-tree.csv"));
  log(`locations: ${locations.added} added, ${locations.total} in the tree`);
  const ads = await seedAds(db);
  log(`seed ads: ${ads.created} created, ${ads.existing} already present`);
  return ensureAdmin(db, opts.adminEmail, opts.adminPassword);
}
