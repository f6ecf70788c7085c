// Where the browser may be sent after signing in: a path of this app, never another site. The value
// is resolved as a browser would resolve it against the app's origin (so `/\evil`, `/\t/evil`,
// `//evil` and `https://evil` all land elsewhere and are refused), and what is kept is the path,
// query and fragment on the app's own origin. Pure.

export function safeCallbackPath(value: unknown, appOrigin: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || !raw.trim()) return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(appOrigin);
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  // "http://app//evil.example" has the app's origin but a path a browser reads as another host.
  const path = url.pathname.replace(/^\/{2,}/, "/");
  return path + url.search + url.hash;
}
