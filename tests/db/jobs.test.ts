// The database job queue (lib/jobs) on both dialects, as several app servers use it: two servers
// claiming at once never take the same job; a keyed job is queued once; a job whose server stopped
// beating its heartbeat is queued again and given up after its attempts; cancelling from another
// server reaches the one running it; and a runner runs a real job's process to the end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { claimJob, enqueueJob, finishRun, heartbeat, requestCancel, requeueStale, retryDelayMs } from "@/lib/jobs/queue";
import { importJobKey, JobRunner, recoverOrphanImports } from "@/lib/jobs/runner";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/test-db";

describe.each(testDialects())("the job queue on %s", (dialect) => {
  let tdb: TestDatabase;
  let serverA: Db;
  let serverB: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(`jobs_${dialect}`, dialect);
    serverA = createDb(tdb.url);
    serverB = createDb(tdb.url);
  }, 120_000);
  afterAll(async () => {
    await serverA?.$disconnect();
    await serverB?.$disconnect();
    await tdb?.drop();
  });
  beforeEach(async () => {
    await serverA.job.deleteMany();
  });

  it("gives each job to exactly one of two servers claiming at once, oldest due first", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await enqueueJob(serverA, { kind: "uploads.sweep", ref: `r${i}` }))!);
    await enqueueJob(serverA, { kind: "uploads.sweep", ref: "later", runAfter: new Date(Date.now() + 60_000) });
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimJob(i % 2 ? serverA : serverB, i % 2 ? "a:1" : "b:1")));
    const got = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(got.sort((x, y) => x - y)).toEqual(ids); // all six due ones, each once; the later one waits
    expect(claims.filter((c) => c === null)).toHaveLength(4);
    const rows = await serverA.job.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "RUNNING" && r.attempts === 1 && (r.worker === "a:1" || r.worker === "b:1"))).toBe(true);
    expect(await claimJob(serverA, "a:1")).toBeNull();
  });

  it("queues a keyed job once", async () => {
    const first = await enqueueJob(serverA, { kind: "import", ref: "imp1", key: "import:imp1" });
    expect(first).toBeGreaterThan(0);
    expect(await enqueueJob(serverB, { kind: "import", ref: "imp1", key: "import:imp1" })).toBeNull();
    expect(await serverA.job.count({ where: { key: "import:imp1" } })).toBe(1);
  });

  it("queues a job again when its server stops beating its heartbeat, and gives up after its attempts", async () => {
    const id = (await enqueueJob(serverA, { kind: "import", ref: "imp2", maxAttempts: 2 }))!;
    expect((await claimJob(serverA, "a:1"))!.id).toBe(id);
    // Server A beats; nothing is stale.
    expect(await requeueStale(serverB, 30_000)).toEqual([]);
    // A stops (killed): 31 s later, B finds it and queues it again; B claims it as attempt 2.
    const later = new Date(Date.now() + 31_000);
    expect(await requeueStale(serverB, 30_000, later)).toEqual([{ id, kind: "import", ref: "imp2", status: "QUEUED" }]);
    const again = await claimJob(serverB, "b:1", undefined, later);
    expect(again).toMatchObject({ id, attempts: 2 });
    // A comes back and learns the job is no longer its own.
    expect(await heartbeat(serverA, "a:1", [id])).toEqual({ cancel: [], lost: [id] });
    // B dies too: the attempts are used up, so it fails.
    const muchLater = new Date(later.getTime() + 31_000);
    expect(await requeueStale(serverA, 30_000, muchLater)).toEqual([{ id, kind: "import", ref: "imp2", status: "FAILED" }]);
    expect((await serverA.job.findUnique({ where: { id } }))!.message).toContain("b:1");
  });

  it("retries a crashed run after a delay, and runs a job that asked to wait again without using an attempt", async () => {
    const id = (await enqueueJob(serverA, { kind: "salary.train", ref: "7" }))!;
    await claimJob(serverA, "a:1");
    const t = new Date();
    expect(await finishRun(serverA, id, "a:1", { outcome: "crashed", message: "exit code 1" }, t)).toBe("QUEUED");
    let row = (await serverA.job.findUnique({ where: { id } }))!;
    expect(row.runAfter.getTime()).toBe(t.getTime() + retryDelayMs(1));
    expect(await claimJob(serverA, "a:1", undefined, t)).toBeNull(); // not before its delay
    await claimJob(serverA, "a:1", undefined, row.runAfter);
    expect(await finishRun(serverA, id, "a:1", { outcome: "later", delayMs: 15_000 })).toBe("QUEUED");
    row = (await serverA.job.findUnique({ where: { id } }))!;
    expect(row.attempts).toBe(1); // waiting is not an attempt
    // Another server's finish of a run it does not hold changes nothing.
    expect(await finishRun(serverB, id, "b:1", { outcome: "done" })).toBeNull();
  });

  it("cancels a queued job at once and flags a running one for the server that holds it", async () => {
    await enqueueJob(serverA, { kind: "import", ref: "q" });
    expect(await requestCancel(serverB, "import", "q", "Cancelled by Jo.")).toBe("cancelled");
    expect((await serverA.job.findFirst({ where: { ref: "q" } }))!.status).toBe("CANCELLED");
    const id = (await enqueueJob(serverA, { kind: "import", ref: "r" }))!;
    await claimJob(serverA, "a:1");
    expect(await requestCancel(serverB, "import", "r", "Cancelled by Jo.")).toBe("requested");
    expect(await heartbeat(serverA, "a:1", [id])).toEqual({ cancel: [id], lost: [] });
    expect(await finishRun(serverA, id, "a:1", { outcome: "cancelled", message: "Cancelled by Jo." })).toBe("CANCELLED");
    expect(await requestCancel(serverB, "import", "r", "again")).toBeNull();
  });

  it("queues a job for a browser import nobody runs, gives up one whose job failed, and leaves command-line imports alone", async () => {
    const old = new Date(Date.now() - 10 * 60_000);
    const orphan = await serverA.import.create({ data: { origin: "web", status: "QUEUED", files: "[]", heartbeatAt: old } });
    const cli = await serverA.import.create({ data: { origin: "cli", status: "RUNNING", files: "[]", heartbeatAt: old } });
    const givenUp = await serverA.import.create({ data: { origin: "web", status: "RUNNING", files: "[]", heartbeatAt: old } });
    await enqueueJob(serverA, { kind: "import", ref: givenUp.id, key: importJobKey(givenUp.id) });
    await serverA.job.updateMany({ where: { key: importJobKey(givenUp.id) }, data: { status: "FAILED", message: "gave up" } });
    await recoverOrphanImports(serverB);
    await recoverOrphanImports(serverA); // a second server doing the same changes nothing more
    expect(await serverA.job.findMany({ where: { kind: "import", status: "QUEUED" }, select: { ref: true } })).toEqual([{ ref: orphan.id }]);
    expect((await serverA.import.findUnique({ where: { id: cli.id } }))!.status).toBe("RUNNING");
    expect(await serverA.import.findUnique({ where: { id: givenUp.id } })).toMatchObject({ status: "FAILED", message: "gave up" });
    await serverA.import.deleteMany({ where: { id: { in: [orphan.id, cli.id, givenUp.id] } } });
  });

  it("runs a queued job's process to the end on a runner", async () => {
    const logDir = mkdtempSync(path.join(tmpdir(), "rd-jobs-"));
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = tdb.url; // the job's process reads it
    const runner = new JobRunner(serverA, { concurrency: 1, staleMs: 30_000, pollMs: 100, logDir, worker: "test:1" });
    try {
      const id = (await enqueueJob(serverA, { kind: "uploads.sweep", ref: "", key: "sweep-now" }))!;
      runner.start();
      let row = await serverA.job.findUnique({ where: { id } });
      for (let i = 0; i < 300 && row?.status !== "DONE" && row?.status !== "FAILED"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        row = await serverA.job.findUnique({ where: { id } });
      }
      expect(row).toMatchObject({ status: "DONE", attempts: 1, worker: "test:1" });
      expect(row!.finishedAt).not.toBeNull();
    } finally {
      await runner.stop();
      process.env.DATABASE_URL = previous;
      rmSync(logDir, { recursive: true, force: true });
    }
  }, 60_000);
});
