// Every environment variable the app reads, validated once. Nothing else reads process.env
// (scripts/up.mjs and the test harness set variables; they do not interpret them).
import path from "node:path";
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:./data/recruiter-desk.db";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
    }),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  ADMIN_EMAIL: z.email().default("admin@example.com"),
  ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  DATA_DIR: z.string().default("data"),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** `npm run up` / `npm run db:setup`: also load the demo data (seeds/demo). */
  DEMO: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Proxies in front of the app whose X-Forwarded-For is believed (0: none; use the socket). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Bytes one user may hold in import drafts not yet started. */
  UPLOAD_QUOTA_MB: z.coerce.number().int().positive().default(2048),
  /** Uploads are refused when the data folder's disk would have less than this free. */
  UPLOAD_MIN_FREE_MB: z.coerce.number().int().min(0).default(512),
  /** After SIGTERM, `npm start` keeps serving this long while /api/health/ready says 503 (for a load balancer). */
  DRAIN_SECONDS: z.coerce.number().int().min(0).max(120).default(0),
  /** Background jobs (imports, rebuilds, training, sweeps) this server runs at once; 0: none (a web-only server). */
  JOB_CONCURRENCY: z.coerce.number().int().min(0).max(16).default(2),
  /** A running job whose server has not beaten its heartbeat for this long is resumed by another server. */
  JOB_STALE_SECONDS: z.coerce.number().int().min(3).max(3600).default(30),
  /**
   * Where uploaded import files are kept. Several app servers must share one folder (a network
   * mount at the same path on each); default: <DATA_DIR>/uploads.
   */
  UPLOAD_DIR: z.string().optional(),
  /** Import drafts never started are removed (with their files) after this long. */
  DRAFT_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
});

export type Env = z.infer<typeof ZEnv>;

/** Parses an environment; throws one readable error naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Absolute path of the data folder (SQLite file, uploads). */
export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

/** Absolute path of the uploads folder (UPLOAD_DIR, or data/uploads). */
export function uploadRoot(): string {
  const dir = env().UPLOAD_DIR;
  // (A runtime folder, not part of the build: the comments keep Turbopack from tracing the project.)
  return dir ? path.resolve(/*turbopackIgnore: true*/ dir) : path.join(/*turbopackIgnore: true*/ dataDir(), "uploads");
}

export function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) {
    throw new Error("NEXTAUTH_SECRET is not set. `npm run up` creates one in data/; or export a random 32+ character string.");
  }
  return secret;
}

/**
 * Added to the environment of the bulk processes (imports, duplicate rebuilds and the follower,
 * every job): glibc's malloc gives a multi-threaded process up to eight arenas per core (SQLite, the
 * import's parse worker and libuv's pool all allocate), each keeping memory it has freed. Two arenas
 * keep a 250,000-ad import ~25 MB lower (peak RSS 316 → 290 MB) for ~5% of its time. A value set by
 * the operator wins; C libraries other than glibc ignore it.
 */
export function bulkProcessEnv(): Record<string, string> {
  return { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };
}
