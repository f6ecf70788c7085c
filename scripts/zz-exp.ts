import { openSqlite } from "@/lib/db/raw";
import { migrate } from "@/lib/db/migrate";
import { rmSync } from "node:fs";
const mode = process.argv[2]; const batch = Number(process.argv[3] ?? 1000);
rmSync("/tmp/exp.db", { force: true }); rmSync("/tmp/exp.db-wal", { force: true });
await migrate("file:/tmp/exp.db");
const db = openSqlite("file:/tmp/exp.db");
if (mode === "notrig" || mode === "rebuild" || mode === "setfts") db.exec(`DROP TRIGGER ad_fts_insert`);
if (process.env.CACHE) db.pragma(`cache_size = -${process.env.CACHE}`);
if (process.env.AUTOMERGE) db.exec(`INSERT INTO ad_fts(ad_fts, rank) VALUES('automerge', ${process.env.AUTOMERGE})`);
if (process.env.PGSZ) db.exec(`INSERT INTO ad_fts(ad_fts, rank) VALUES('pgsz', ${process.env.PGSZ})`);
if (mode === "noidx") db.exec(`DROP INDEX Ad_category_idx; DROP INDEX Ad_companyId_idx; DROP INDEX Ad_locationId_idx; DROP INDEX Ad_source_idx; DROP INDEX Ad_salaryAnnual_idx; DROP INDEX Ad_updatedAt_idx; DROP INDEX Ad_status_idx; DROP INDEX Ad_importId_idx;`);
const ins = db.prepare(`INSERT INTO Ad (externalId,title,description,category,source,status,version,createdAt,updatedAt,salaryAnnual) VALUES (?,?,?,?,?,'OPEN',1,?,?,?)`);
const words = "nurse care home london manager engineer senior support worker team client service sales account developer java".split(" ");
const rnd = (n: number) => Array.from({ length: n }, (_, i) => words[(i * 7 + n * 13 + Math.floor(Math.random() * 17)) % words.length] + (Math.random() < 0.3 ? Math.floor(Math.random() * 1000) : "")).join(" ");
const t = performance.now();
const N = 50000;
for (let i = 0; i < N; i += batch) {
  db.exec("BEGIN IMMEDIATE");
  for (let j = i; j < Math.min(N, i + batch); j++) ins.run(j + 1, rnd(6), rnd(250), "Cat " + (j % 20), "src" + (j % 15), "2026-01-01", "2026-01-01", 20000 + j);
  if (mode === "setfts") db.prepare(`INSERT INTO ad_fts(rowid, title, description, company) SELECT id, title, description, NULL FROM Ad WHERE id > ?`).run(i);
  db.exec("COMMIT");
}
if (mode === "rebuild") db.exec(`INSERT INTO ad_fts(ad_fts) VALUES('rebuild')`);
console.log(mode, batch, process.env.CACHE, process.env.AUTOMERGE, Math.round(performance.now() - t), "ms");
