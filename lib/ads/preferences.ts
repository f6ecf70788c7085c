// Per-user table layout and saved views.
import { getDb, Prisma, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { normaliseColumnPrefs, type ColumnPrefs } from "./columns";

const COLUMNS_KEY = "ads.columns";

export async function getColumnPrefs(userId: string, db: Db = getDb()): Promise<ColumnPrefs> {
  const row = await db.userSetting.findUnique({ where: { userId_key: { userId, key: COLUMNS_KEY } }, select: { value: true } });
  return normaliseColumnPrefs(row ? safeJson(row.value) : null);
}

export async function saveColumnPrefs(userId: string, prefs: ColumnPrefs, db: Db = getDb()): Promise<ColumnPrefs> {
  const value = normaliseColumnPrefs(prefs);
  await db.userSetting.upsert({
    where: { userId_key: { userId, key: COLUMNS_KEY } },
    create: { userId, key: COLUMNS_KEY, value: JSON.stringify(value) },
    update: { value: JSON.stringify(value) },
  });
  return value;
}

export type SavedViewRow = { id: number; name: string; query: string; columns: ColumnPrefs };

export async function listViews(userId: string, db: Db = getDb()): Promise<SavedViewRow[]> {
  const rows = await db.savedView.findMany({ where: { userId }, orderBy: { name: "asc" }, select: { id: true, name: true, query: true, columns: true } });
  return rows.map((r) => ({ ...r, columns: normaliseColumnPrefs(safeJson(r.columns)) }));
}

/** Saves (or replaces, by name) a view of the current query and columns. */
export async function saveView(userId: string, input: { name: string; query: string; columns: ColumnPrefs }, db: Db = getDb()): Promise<SavedViewRow> {
  const columns = normaliseColumnPrefs(input.columns);
  const row = await db.savedView.upsert({
    where: { userId_name: { userId, name: input.name } },
    create: { userId, name: input.name, query: input.query, columns: JSON.stringify(columns) },
    update: { query: input.query, columns: JSON.stringify(columns) },
    select: { id: true, name: true, query: true },
  });
  return { ...row, columns };
}

export async function deleteView(userId: string, id: number, db: Db = getDb()): Promise<void> {
  try {
    // Scoped to the owner: another user's view id deletes nothing.
    const { count } = await db.savedView.deleteMany({ where: { id, userId } });
    if (!count) throw new UserError("That view no longer exists.", "NOT_FOUND");
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError) throw new UserError("That view could not be deleted.");
    throw e;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
