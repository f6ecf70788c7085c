// Renders a search snippet: the database marks matches with \u0001…\u0002 (never HTML), so the
// text stays text and only the marks become <mark> elements.
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\u0001[^\u0002]*\u0002)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith("\u0001") ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-foreground">
            {p.slice(1, -1)}
          </mark>
        ) : (
          <span key={i}>{p.replace(/[\u0001\u0002]/g, "")}</span>
        ),
      )}
    </>
  );
}
