// A small structured logger: one JSON line per event. Errors are reduced to name, message and
// stack; nothing else from the context is trusted to be free of secrets, so callers pass ids only.
import { env } from "@/lib/env";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values never reach a log line, at any depth. */
const SECRET_KEY = /pass(word)?|secret|token|cookie|authorization|hash|csrf|session/i;

function serialise(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => serialise(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : serialise(v, depth + 1)]));
}

/** What a log line holds for this context (exported for the test). */
export function logContext(context: Record<string, unknown>): Record<string, unknown> {
  return serialise(context) as Record<string, unknown>;
}

function write(level: Level, message: string, context: Record<string, unknown> = {}) {
  if (ORDER[level] < ORDER[env().LOG_LEVEL]) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, message, ...logContext(context) });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const logger = {
  debug: (m: string, c?: Record<string, unknown>) => write("debug", m, c),
  info: (m: string, c?: Record<string, unknown>) => write("info", m, c),
  warn: (m: string, c?: Record<string, unknown>) => write("warn", m, c),
  error: (m: string, c?: Record<string, unknown>) => write("error", m, c),
};
