// A vitest setup file: fails the test file in which pg warns that a query was sent on a client
// still busy with another (queries issued concurrently inside one transaction). pg 8 queues them
// with a deprecation warning; pg 9 refuses them.
import { afterAll } from "vitest";

const seen: string[] = [];
const OVERLAP = /already executing a query/;
process.on("warning", (w) => {
  if (OVERLAP.test(w.message)) seen.push(w.stack ?? w.message);
});

afterAll(async () => {
  await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
  if (seen.length) throw new Error(`pg: a query was issued while the client was busy (a Promise.all inside a transaction?)\n${seen.join("\n")}`);
});
