// An ad's description as readable paragraphs. Adzuna's descriptions are one unbroken block (the
// line breaks were lost upstream): keep any paragraphs the text has, and break a long block
// before headings ("Key Responsibilities:", "The Role") and otherwise after a few sentences.
// Pure: the words are never changed, only where paragraphs start.

const TARGET_CHARS = 420;
/** Words that start a section in job ads, followed by a colon or written as a heading. */
const HEADING =
  /^(?:(?:key |main |the )?(?:responsibilities|duties|requirements|role|the role|job description|about (?:us|the (?:role|company|client))|the (?:candidate|person|client|company)|skills(?: and experience)?|experience|qualifications|benefits|package|salary|location|hours|how to apply|to apply|essential|desirable|person specification)\b)\s*[:\-–]/i;

/** Sentences: a full stop, ! or ? followed by a space and a capital (or a digit or quote). */
function sentences(block: string): string[] {
  return block.split(/(?<=[.!?])\s+(?=["'“(A-Z0-9£])/);
}

export function readableParagraphs(text: string): string[][] {
  const out: string[][] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    if (trimmed.includes("\n") || trimmed.length <= TARGET_CHARS) {
      out.push(trimmed.split("\n"));
      continue;
    }
    let current = "";
    for (const sentence of sentences(trimmed)) {
      const startsSection = HEADING.test(sentence);
      if (current && (startsSection || current.length + sentence.length > TARGET_CHARS)) {
        out.push([current]);
        current = "";
      }
      current = current ? `${current} ${sentence}` : sentence;
    }
    if (current) out.push([current]);
  }
  return out;
}
