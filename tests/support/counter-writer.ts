// A child process for tests/db/sqlite-processes.test.ts: `ROUNDS` transactions that each read a
// counter and write it back plus one (the read-then-write shape of the app's edits and moves),
// against DATABASE_URL, as one of several server processes would. Prints a JSON summary.
import { createDb } from "@/lib/db/client";

const rounds = Number(process.env.ROUNDS ?? 100);
const db = createDb(process.env.DATABASE_URL!);
let failures = 0;
const errors = new Set<string>();
for (let i = 0; i < rounds; i++) {
  try {
    await db.$transaction(async (tx) => {
      const row = await tx.counter.findUnique({ where: { key: "shared" } });
      await new Promise((r) => setTimeout(r, 1)); // other work between the read and the write
      await tx.counter.update({ where: { key: "shared" }, data: { value: (row?.value ?? 0) + 1 } });
    });
  } catch (e) {
    failures++;
    errors.add((e as Error).message.split("\n").filter(Boolean).at(-1) ?? "");
  }
}
await db.$disconnect();
console.log(JSON.stringify({ failures, errors: [...errors] }));
