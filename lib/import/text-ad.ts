// Reads one plain-text ad:
//   Title: ...
//   Webindex: 12345678
//   Company: ...          (optional)
//   Description: ...      (may run over many lines, to the end of the file)
// Lines that do not start a known field continue the field before them. Returns the ad, or the
// problems found, each with its line number and field.

export type TextAd = { title: string; webindex: number; company: string | null; description: string };
export type TextAdProblem = { line: number; field: string; message: string };
export type TextAdResult = { ok: true; ad: TextAd } | { ok: false; problems: TextAdProblem[] };

const FIELDS = { title: "Title", webindex: "Webindex", company: "Company", description: "Description" } as const;
type Key = keyof typeof FIELDS;
const FIELD_LINE = /^\s*(Title|Webindex|Company|Description)\s*:\s?(.*)$/i;
const MAX_TITLE = 500;

export function parseTextAd(text: string): TextAdResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const values: Partial<Record<Key, { line: number; parts: string[] }>> = {};
  const problems: TextAdProblem[] = [];
  let current: Key | null = null;

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const m = current === "description" ? null : FIELD_LINE.exec(raw);
    if (m) {
      const key = m[1].toLowerCase() as Key;
      if (values[key]) {
        problems.push({ line: lineNo, field: FIELDS[key], message: `${FIELDS[key]} appears twice (first on line ${values[key]!.line})` });
      } else {
        values[key] = { line: lineNo, parts: [m[2]] };
      }
      current = key;
    } else if (current) {
      values[current]!.parts.push(raw);
    } else if (raw.trim()) {
      problems.push({ line: lineNo, field: "Title", message: `expected "Title:" but found "${raw.trim().slice(0, 40)}"` });
      current = null;
    }
  });

  const get = (k: Key) => {
    const v = values[k];
    if (!v) return undefined;
    const joined = k === "description" ? v.parts.join("\n") : v.parts.map((p) => p.trim()).join(" ");
    return joined.replace(/[ \t]+$/gm, "").trim();
  };
  const lastLine = lines.length;

  const title = get("title");
  if (!title) problems.push({ line: values.title?.line ?? 1, field: "Title", message: title === undefined ? "missing Title:" : "Title is empty" });
  else if (title.length > MAX_TITLE) problems.push({ line: values.title!.line, field: "Title", message: `Title is longer than ${MAX_TITLE} characters` });

  const webindexText = get("webindex");
  let webindex = NaN;
  if (webindexText === undefined) problems.push({ line: values.title?.line ? values.title.line + 1 : 1, field: "Webindex", message: "missing Webindex:" });
  else if (!/^\d{1,9}$/.test(webindexText))
    problems.push({ line: values.webindex!.line, field: "Webindex", message: `Webindex must be a whole number, got "${webindexText.slice(0, 20)}"` });
  else webindex = Number(webindexText);

  const description = get("description");
  if (!description) {
    problems.push({
      line: values.description?.line ?? lastLine,
      field: "Description",
      message: description === undefined ? "missing Description:" : "Description is empty",
    });
  }

  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, ad: { title: title!, webindex, company: get("company") || null, description: description! } };
}
