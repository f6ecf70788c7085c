// Calls a server action the way a browser does (POST with a Next-Action header), without a page:
// what an attacker with a valid session cookie could send. Action ids come from the build's
// server-reference manifest, so the tests find every action the build contains.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export type ServerAction = { id: string; file: string; name: string; route: string };

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };

/** "app/(dashboard)/admin/users/page" → "/admin/users" */
function routeOf(worker: string): string {
  const parts = worker
    .replace(/^app\//, "")
    .replace(/\/(page|route)$/, "")
    .split("/")
    .filter((p) => p && !/^\(.*\)$/.test(p) && p !== "page");
  return "/" + parts.join("/");
}

export function listServerActions(buildDir = ".next"): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, "server/server-reference-manifest.json"), "utf8")) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: entry.filename,
    name: entry.exportedName,
    // Prefer a page without dynamic segments to post to.
    route: routeOf(Object.keys(entry.workers).sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")))[0]),
  }));
}

export function findServerAction(name: string, file?: string): ServerAction {
  const found = listServerActions().filter((a) => a.name === name && (!file || a.file === file));
  if (found.length !== 1) throw new Error(`server action ${name}${file ? ` in ${file}` : ""}: found ${found.length}`);
  return found[0];
}

export async function postServerAction(request: APIRequestContext, action: ServerAction, args: unknown[]) {
  const res = await request.post(action.route, {
    headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: res.status(), body: await res.text() };
}
