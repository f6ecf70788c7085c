// Starts the TypeScript worker body under tsx (worker threads do not inherit the parent's loader,
// and the production server runs without one).
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
