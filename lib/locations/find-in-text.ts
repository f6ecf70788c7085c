// Finds where a job is from an ad's title and description, for ads that arrive with no location
// (the plain-text ads). Careful rather than eager: a place counts only where ads put places —
//   1. a "Location:" line ("Location: Bracknell, Berkshire Salary: ...");
//   2. the title: a segment of its own ("Deputy Nurse Manager – Kettering"), after "in"/"at"
//      ("Chef in Leeds"), before "based", or ending it ("Support Worker Job Tunbridge Wells");
//   3. the description: straight after the title it often repeats ("Stress Engineer Glasgow ..."), or
//      after "based in", "in", "at", "near"... ("join our team in Shoreditch").
// The first of these that names a place decides; places elsewhere in the ad only refine it (a town
// inside the county it named) or tell same-named places apart. A name is taken only when it is
// written as a name (capitals), is not an everyday word that happens to be a village ("Street",
// "Field", "Over"; "Reading" and "Bath" only in a place's position), and is not one of several
// same-named places with nothing in the ad to choose between them. Several places that disagree
// become their smallest common area (Leeds and Bradford: West Yorkshire), if below the country.
import { COMMON_WORD_PLACE_NAMES } from "./common-words";
import { GENERIC_WORDS, type TreeNode } from "./resolve";
import { PATH_SEPARATOR } from "./tree";

export type TextLocation = {
  node: TreeNode;
  foundIn: "location line" | "title" | "description";
  /** the words that decided, as written in the ad */
  evidence: string;
};

export type AdText = { title: string; description: string };

type Word = { key: string; start: number; end: number; capital: boolean };
type Mention = { key: string; start: number; end: number; text: string };
/** A place name where places go; hits of one group (a "Location:" line, a list) are read together. */
type Hit = { mention: Mention; evidence: string; group: number };

// Alternative spellings of names in the tree (mention key → tree name key).
const ALIASES: Record<string, string> = {
  "greater london": "london",
  "county durham": "durham",
  "co durham": "durham",
  newcastle: "newcastle upon tyne",
  "north west": "north west england",
  "north east": "north east england",
  "south west": "south west england",
  "south east": "south east england",
};
const COMPASS_ALIASES = new Set(["north west england", "north east england", "south west england", "south east england"]);
// Words that make the place before them part of an organisation's or a building's name.
const ORG_WORDS = new Set(
  "homecare healthcare care court house hall hospital clinic surgery recruitment council university college school academy hotel group ltd limited plc services associates partnership trust nhs road street lane avenue square airport station football united rovers building society".split(
    " ",
  ),
);
// Names in the tree that in a job ad mean somewhere else ("offices in Houston, KL and Perth"), or
// a kind of place rather than one ("located within the Civic Centre").
// Also the generic words the resolver treats as places only when alone ("City", "Park"...).
const NOT_PLACES = new Set([
  ...["houston", "dallas", "new york", "toronto", "california", "melbourne", "ireland", "egypt", "gibraltar", "quebec", "moscow", "denver"],
  ...["town centre", "civic centre", "central park", "high street"],
  ...GENERIC_WORDS,
]);

// Words a title puts around a place that do not stop a segment being just the place:
// "Kettering Area", "Jobs Coventry", "Leeds Based", "Nr Oxford".
const FILLER = new Set([
  "job",
  "jobs",
  "area",
  "areas",
  "based",
  "region",
  "nr",
  "near",
  "in",
  "at",
  "the",
  "and",
  "or",
  "office",
  "uk",
  "city",
  "centre",
  "center",
  "surrounding",
  "surrounds",
  "town",
]);
// Words after which a capitalised place name in running text is where the job is.
const CUE_BEFORE = new Set(["in", "at", "near", "nr", "around", "across", "throughout", "within", "covering"]);
// Cues strong enough for a place name that is also an everyday word ("based in Reading").
const OF_CUE = /\b(?:centre|center|heart|outskirts|suburbs)\s+of\s+(?:the\s+)?$/i;
const STRONG_CUE = /\b(?:based|located|situated|positioned|office|offices|branch|site|practice)\s+(?:in|at|near|from|within)\s+(?:the\s+)?$/i;
// "Location:", "LOCATION -", "Job Location  ", also glued to the word before ("ApparelLocation:").
const LOCATION_LABEL =
  /(?:\b|(?<=[a-z])(?=L))(?:[Jj]ob\s+|[Ww]ork\s+|[Rr]ole\s+)?(?:[Ll]ocations?|LOCATIONS?)(?:\s+[Pp]ost\s*[Cc]ode|\s+[Aa]rea|\s+[Bb]ase)?\s*(?::|\s[-–—]\s|\s{2,})\s*/g;
// Where a "Location:" value stops: a line or sentence end, or the next "Label:".
const LABEL_END = /\n|\.\s|\s[A-Z][A-Za-z]*(?:\s[A-Za-z]+)?\s*:|[A-Za-z][a-z](?=[A-Z][a-z]+\s*:)|\s{2,}[A-Z][a-z]+\s{2,}/;
const LIST_GAP = /^[\s,/&]*(?:(?:and|or)\s+)?$/i;
// Lower-case words a "Location:" value may hold: "Commutable from Withington, Chorlton and Stockport".
const VALUE_CONNECTORS = new Set(["and", "or", "near", "nr", "upon", "on", "under", "the", "of", "from", "in", "between", "covering", "super", "le", "by"]);
const TITLE_SEPARATOR = /\s{2,}|\s[-–—|]+\s|[,|/()[\]:;]+|\s[-–—]+|[-–—]+\s/;
// A town with districts of its own in the tree ("Reading" has 100) is big enough to trust as a
// name that is also a word; a village called "Street" or "Field" is not.
const TOWN_SIZE = 10;
const MAX_SNIPPET = 120;

export class TextLocationFinder {
  private readonly byKey = new Map<string, number[]>();
  private readonly size: Int32Array; // nodes at or below each node
  private readonly maxWords: number;
  // Multi-word names written as one ("WestonSuperMare", "AshtonunderLyne") → their name key.
  private readonly glued = new Map<string, string>();

  constructor(private readonly nodes: readonly TreeNode[]) {
    const indexById = new Map(nodes.map((n, i) => [n.id, i]));
    this.size = new Int32Array(nodes.length).fill(1);
    // Parents before children in tree order: add sizes from the deepest nodes up.
    const byDepth = nodes.map((_, i) => i).sort((a, b) => nodes[b].depth - nodes[a].depth);
    for (const i of byDepth) {
      const p = nodes[i].parentId == null ? undefined : indexById.get(nodes[i].parentId!);
      if (p !== undefined) this.size[p] += this.size[i];
    }
    let maxWords = 1;
    const add = (key: string, i: number) => {
      if (key.length < 3 || NOT_PLACES.has(key)) return; // two letters are noise
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
      maxWords = Math.max(maxWords, key.split(" ").length);
      if (key.includes(" ")) this.glued.set(key.replace(/ /g, ""), key);
    };
    nodes.forEach((n, i) => {
      if (n.depth === 0) return; // "UK" says nothing
      const key = wordKeys(n.name).join(" ");
      add(key, i);
      // Towns named after their river or the sea are written short: "Southend", "Stratford".
      const short = n.depth <= 3 ? /^(.+?) (?:on|upon|under|super) .+$/.exec(key) : null;
      if (short) add(short[1], i);
    });
    this.maxWords = maxWords;
  }

  find(ad: AdText): TextLocation | null {
    const title = ad.title ?? "";
    // Adzuna's text keeps the "br" of removed line breaks glued to the next word ("brLocation:").
    const description = (ad.description ?? "").replace(/\b(?:br)+(?=[A-Z])/g, (br) => " ".repeat(br.length));
    const stages: { foundIn: TextLocation["foundIn"]; hits: Hit[] }[] = [
      { foundIn: "location line", hits: this.fromLocationLines(title, description) },
      { foundIn: "title", hits: this.fromTitle(title) },
      { foundIn: "description", hits: this.fromDescription(title, description) },
    ];
    // Everything a stage found is context for telling same-named places apart.
    const context = stages.flatMap((s) => s.hits.map((h) => h.mention));
    const resolved = stages.map((s) => ({
      ...s,
      found: s.hits.flatMap((h) => {
        const idx = this.resolveMention(h.mention, context);
        return idx === null ? [] : [{ ...h, idx }];
      }),
    }));
    const everywhere = resolved.flatMap((s) => s.found.map((f) => f.idx));
    for (const stage of resolved) {
      // Within a stage, the first group that names a place decides (the first "Location:" line,
      // not the agency's list of offices further down; one list of places is one group).
      for (const group of [...new Set(stage.found.map((f) => f.group))]) {
        const members = stage.found.filter((f) => f.group === group);
        const idx = this.combine(members.map((f) => f.idx));
        if (idx === null) continue;
        // Elsewhere the ad may name a place inside this one: take it when those agree on one.
        const inside = everywhere.filter((i) => i !== idx && this.isAncestor(idx, i));
        const refined = inside.length ? this.combine(inside) : null;
        const best = refined !== null && this.isAncestor(idx, refined) ? refined : idx;
        return { node: this.nodes[best], foundIn: stage.foundIn, evidence: members[0].evidence };
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Where places are looked for.

  private fromLocationLines(title: string, description: string): Hit[] {
    const out: Hit[] = [];
    let group = 0;
    for (const text of [title, description]) {
      LOCATION_LABEL.lastIndex = 0;
      for (let m = LOCATION_LABEL.exec(text); m; m = LOCATION_LABEL.exec(text)) {
        const from = m.index + m[0].length;
        let value = text.slice(from, from + MAX_SNIPPET);
        const end = value.search(LABEL_END);
        if (end >= 0) value = value.slice(0, end + (/^[A-Za-z][a-z]/.test(value.slice(end)) ? 2 : 0));
        // ...or at the first word of running text: "Location: Oxford If this sounds like you".
        const prose = this.words(value, 0).find((w) => !w.capital && !VALUE_CONNECTORS.has(w.key));
        if (prose) value = value.slice(0, prose.start);
        group++;
        for (const mention of this.mentions(value, from)) {
          if (this.acceptable(mention, true)) out.push({ mention, evidence: text.slice(m.index, from + value.length).trim(), group });
        }
      }
    }
    return out;
  }

  private fromTitle(title: string): Hit[] {
    const out: Hit[] = [];
    let offset = 0;
    for (const segment of title.split(TITLE_SEPARATOR)) {
      const at = title.indexOf(segment, offset);
      offset = at + segment.length;
      const words = this.words(segment, at);
      for (const mention of this.mentions(segment, at)) {
        const before = words.filter((w) => w.end <= mention.start);
        const after = words.filter((w) => w.start >= mention.end);
        const alone = [...before, ...after].every(isFiller);
        const cued = (before.length > 0 && CUE_BEFORE.has(before[before.length - 1].key)) || after[0]?.key === "based";
        const last = after.every(isFiller);
        if ((alone || cued) && this.acceptable(mention, true)) out.push({ mention, evidence: title, group: 0 });
        else if (last && this.acceptable(mention, false)) out.push({ mention, evidence: title, group: 0 });
      }
    }
    return out;
  }

  private fromDescription(title: string, description: string): Hit[] {
    const out: Hit[] = [];
    let group = 0;
    const words = this.words(description, 0);
    // The title repeated at the start, then a place: "Stress Engineer Glasgow Salary ...".
    const titleWords = this.words(title, 0).map((w) => w.key);
    let echo = 0;
    while (echo < titleWords.length && echo < words.length && words[echo].key === titleWords[echo]) echo++;
    const echoEnd = echo >= 2 || (echo === titleWords.length && echo > 0) ? words[echo - 1].end : -1;

    // A cue carries along a list: "sites in Accrington, Basingstoke and Stoke".
    let previous: { end: number; strong: boolean } | null = null;
    for (const mention of this.mentions(description, 0)) {
      const i = words.findIndex((w) => w.start === mention.start);
      const prev = i > 0 ? words[i - 1] : undefined;
      const next = words.find((w) => w.start >= mention.end);
      const lead = description.slice(Math.max(0, mention.start - 30), mention.start);
      const listed: boolean = previous !== null && LIST_GAP.test(description.slice(previous.end, mention.start));
      const strong: boolean = STRONG_CUE.test(lead) || (next?.key === "area" && prev?.key === "the") || (listed && previous!.strong);
      const echoed = echoEnd >= 0 && description.slice(echoEnd, mention.start).trim() === "";
      const cued: boolean = strong || listed || echoed || (prev !== undefined && CUE_BEFORE.has(prev.key)) || next?.key === "based" || OF_CUE.test(lead);
      previous = cued ? { end: mention.end, strong } : null;
      // In capitals everything looks like a name: "SHAFTESBURY COURT, LOWESTOFT". Only a strong cue then.
      const shouting = mention.text === mention.text.toUpperCase() && mention.text.length > 3;
      if (!cued || !this.acceptable(mention, strong) || (shouting && !strong)) continue;
      if (!listed) group++;
      const from = Math.max(0, mention.start - 40);
      out.push({
        mention,
        evidence: `${from > 0 ? "…" : ""}${description
          .slice(from, mention.end + 20)
          .replace(/\s+/g, " ")
          .trim()}…`,
        group,
      });
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Names and what they resolve to.

  /** Capitalised runs of words that are names in the tree, longest first, left to right. */
  private mentions(text: string, offset: number): Mention[] {
    const words = this.words(text, offset);
    const out: Mention[] = [];
    for (let i = 0; i < words.length;) {
      let found = 0;
      let key = "";
      for (let len = Math.min(this.maxWords, words.length - i); len >= 1; len--) {
        const run = words.slice(i, i + len);
        if (!run[0].capital || !run[len - 1].capital) continue;
        if (run.some((w, k) => !w.capital && !(k > 0 && k < len - 1 && w.key.length <= 5))) continue;
        const k = run.map((w) => w.key).join(" ");
        const name = ALIASES[k] ?? k;
        if (COMPASS_ALIASES.has(name) && !this.byKey.has(k) && i + len < words.length && words[i + len].capital && this.startsName(words, i + len)) continue;
        if (this.byKey.has(name)) {
          found = len;
          key = name;
          break;
        }
      }
      if (!found) {
        i++;
        continue;
      }
      const start = words[i].start;
      const end = words[i + found - 1].end;
      const next = words[i + found];
      const adjacent = next !== undefined && /^[\s-]*$/.test(text.slice(end - offset, next.start - offset));
      // "North East London": the compass names a part of London, not the North East.
      const compassOfPlace = COMPASS_ALIASES.has(key) && adjacent && next.capital && this.startsName(words, i + found);
      // "Westminster Homecare", "Shaftesbury Court": a name that starts an organisation's or a building's.
      const partOfName = adjacent && next.capital && ORG_WORDS.has(next.key);
      if (!compassOfPlace && !partOfName) out.push({ key, start, end, text: text.slice(start - offset, end - offset) });
      i += compassOfPlace ? 1 : found;
    }
    return out;
  }

  /** Whether a tree name starts at word i. */
  private startsName(words: Word[], i: number): boolean {
    for (let len = Math.min(this.maxWords, words.length - i); len >= 1; len--) {
      if (
        this.byKey.has(
          words
            .slice(i, i + len)
            .map((w) => w.key)
            .join(" "),
        )
      )
        return true;
    }
    return false;
  }

  /** Everyday-word names only in a place's position (`strongPlace`) and only for a town or bigger. */
  private acceptable(m: Mention, strongPlace: boolean): boolean {
    if (!COMMON_WORD_PLACE_NAMES.has(m.key)) return true;
    if (!strongPlace) return false;
    return this.byKey.get(m.key)!.some((i) => this.isTownOrBigger(i));
  }

  /**
   * The node a mention names: the only one of that name; else the one the ad's other places point
   * to (inside or around it, else in its region: "Newport" with "Cwmbran" is the Welsh one); else a
   * town whose namesakes are all villages; else none.
   */
  private resolveMention(m: Mention, context: Mention[]): number | null {
    let candidates = this.byKey.get(m.key)!;
    // A town and the district of the same name inside it ("Glasgow" in "Glasgow"): the town.
    candidates = candidates.filter((c) => !candidates.some((o) => o !== c && this.isAncestor(o, c)));
    if (COMMON_WORD_PLACE_NAMES.has(m.key)) candidates = candidates.filter((i) => this.isTownOrBigger(i));
    if (candidates.length <= 1) return candidates[0] ?? null;

    // A region's name is the region ("London", not the odd node of that name in South East England).
    if (candidates.some((c) => this.nodes[c].depth === 1)) candidates = candidates.filter((c) => this.nodes[c].depth === 1);
    if (candidates.length === 1) return candidates[0];

    // The ad's other places: first those inside or around a candidate, then those in its region.
    const others = [...new Set(context.map((c) => c.key).filter((k) => k !== m.key))].map((k) => this.byKey.get(k)!);
    const region = (i: number) => this.nodes[i].path.split(PATH_SEPARATOR).slice(0, 2).join(PATH_SEPARATOR);
    for (const related of [(c: number, o: number) => o === c || this.isAncestor(o, c) || this.isAncestor(c, o), (c: number, o: number) => region(o) === region(c)]) {
      const evidence = candidates.map((c) => others.filter((nodes) => nodes.some((o) => related(c, o))).length);
      const best = Math.max(...evidence);
      if (best > 0) candidates = candidates.filter((_, k) => evidence[k] === best);
      if (candidates.length === 1) return candidates[0];
    }

    // A town among villages of its name ("Cambridge", not the Gloucestershire hamlet; Shoreditch in
    // London, not the Somerset one): the only shallowest candidate, the others small places below towns.
    const depth = (i: number) => this.nodes[i].depth;
    const [top, ...rest] = [...candidates].sort((a, b) => depth(a) - depth(b) || this.size[b] - this.size[a]);
    const dominant = depth(top) <= 3 && rest.every((o) => depth(o) > depth(top) && this.size[o] <= 3);
    return dominant ? top : null;
  }

  private isTownOrBigger(i: number): boolean {
    return this.nodes[i].depth <= 2 || this.size[i] >= TOWN_SIZE;
  }

  /** One place for several: the deepest when they lie on one line of the tree, else their common area below the country. */
  private combine(idxs: number[]): number | null {
    const unique = [...new Set(idxs)];
    const deepest = unique.reduce((a, b) => (this.nodes[b].depth > this.nodes[a].depth ? b : a));
    if (unique.every((i) => i === deepest || this.isAncestor(i, deepest))) return deepest;
    const paths = unique.map((i) => this.nodes[i].path.split(PATH_SEPARATOR));
    let common = 0;
    while (paths.every((p) => p.length > common && p[common] === paths[0][common])) common++;
    if (common < 2) return null; // only "UK" in common
    const path = paths[0].slice(0, common).join(PATH_SEPARATOR);
    const idx = this.byKey.get(wordKeys(paths[0][common - 1]).join(" "))?.find((i) => this.nodes[i].path === path);
    return idx ?? null;
  }

  private words(text: string, offset: number): Word[] {
    return splitWords(text, offset, (raw) => this.glued.get(raw.toLowerCase()));
  }

  private isAncestor(a: number, b: number): boolean {
    return this.nodes[b].path.startsWith(this.nodes[a].path + PATH_SEPARATOR);
  }
}

// ---------------------------------------------------------------------------------------------

/** Comparison keys of a name's words, as locationKey spells them: "King's Lynn" → ["kings", "lynn"]. */
function wordKeys(name: string): string[] {
  return splitWords(name, 0).map((w) => w.key);
}

/**
 * The words of a text with their positions (plus `offset`). Ads glue words where line breaks were
 * lost ("Location: SheffieldSalary: ..."), and towns get written as one ("WestonSuperMare"):
 * a capital after three lower-case letters starts a new word, unless the whole is a known name.
 */
function splitWords(text: string, offset: number, gluedName?: (raw: string) => string | undefined): Word[] {
  const out: Word[] = [];
  const re = /[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*|&/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const start = m.index + offset;
    if (raw === "&") {
      out.push({ key: "and", start, end: start + 1, capital: false });
      continue;
    }
    const name = gluedName?.(raw);
    if (name) {
      out.push({ key: name, start, end: start + raw.length, capital: /^[A-Z]/.test(raw) });
      continue;
    }
    let from = 0;
    for (let i = 3; i < raw.length - 2; i++) {
      if (/[A-Z]/.test(raw[i]) && /[a-z]{3}$/.test(raw.slice(from, i)) && /^[A-Z][a-z]{2}/.test(raw.slice(i))) {
        out.push(word(raw.slice(from, i), start + from));
        from = i;
      }
    }
    out.push(word(raw.slice(from), start + from));
  }
  return out;
}

// A word that does not stop a title segment being just a place ("k" of "****k" included).
function isFiller(w: Word): boolean {
  return FILLER.has(w.key) || w.key.length <= 1;
}

function word(raw: string, start: number): Word {
  const plain = /[^\x00-\x7f]/.test(raw) ? raw.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : raw;
  return { key: plain.toLowerCase().replace(/['’]/g, ""), start, end: start + raw.length, capital: /^[A-Z]/.test(plain) };
}
