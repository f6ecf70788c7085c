// Starts the TypeScript worker body under tsx (worker threads do not inherit the parent's loader).
import { register } from "tsx/esm/api";

register();
await import("./events-worker.ts");
