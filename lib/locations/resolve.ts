// Resolves an ad's Adzuna location (LocationNormalized + LocationRaw) to one node of the location tree.
// LocationNormalized is usually a node *name*, and 2,328 names repeat in the tree ("Newport",
// "Richmond"...), so the free-text LocationRaw is used as evidence to pick between same-named nodes.
// Plain TypeScript: the importer runs it once per row, so everything it can precompute is built once.
import { PATH_SEPARATOR, type LocationNode } from "./tree";

export type TreeNode = { id: number; name: string; path: string; depth: number; parentId: number | null };
/** ambiguous = several candidates and the raw text did not single one out; we still pick the best */
export type Resolution = { node: TreeNode; ambiguous: boolean } | null;

const CACHE_LIMIT = 50_000;

// Compass prefixes that split a county or country into parts ("West Berkshire", "South Wales").
const COMPASS = ["north", "south", "east", "west", "mid", "central", "north east", "north west", "south east", "south west"];
const COMPASS_PREFIX = /^(?:north|south|east|west|mid|central)(?: (?:north|south|east|west))? (.+)$/;

// Names the tree spells differently from advertisers, treated as the same place (they can be a
// resolution on their own). Keys and values go through locationKey().
const SAME_PLACE: Record<string, string[]> = {
  "greater london": ["London"],
  "county durham": ["Durham"],
  "co durham": ["Durham"],
};

// Words that are also names of villages or London districts ("City", "Park", "Bridge"). Inside a
// longer piece of text they describe a place ("Dundee City", "Shetland Islands"), so they only
// count as a place when they stand alone between separators.
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  "city",
  "town",
  "borough",
  "street",
  "road",
  "lane",
  "bank",
  "park",
  "heath",
  "cross",
  "bridge",
  "hill",
  "marsh",
  "moor",
  "green",
  "common",
  "islands",
  "old",
  "new",
  "central",
]);

// Historic or informal areas that cover tree nodes. They only count as evidence for a candidate
// ("Newport, Gwent" is the Welsh city, not the Pembrokeshire village); a raw text saying only
// "Gwent" stays unresolved rather than guessing one of five areas. Values are node paths.
const COVERS: Record<string, string[]> = {
  gwent: ["UK~Wales~Newport", "UK~Wales~Monmouthshire", "UK~Wales~Torfaen", "UK~Wales~Blaenau Gwent", "UK~Wales~Caerphilly"],
  middlesex: ["UK~London"],
  yorkshire: ["UK~Yorkshire And The Humber"],
  manchester: ["UK~North West England~Greater Manchester"],
};

/**
 * Comparison form of a place name: lower case, "&" spelled "and", apostrophes dropped, any other
 * punctuation a single space. "King's Lynn" = "Kings Lynn", "Tyne & Wear" = "Tyne and Wear",
 * "Stoke-on-Trent" = "Stoke on Trent", "St. Albans" = "St Albans".
 */
export function locationKey(text: string): string {
  // Fast path for the common "Mile End": building the index keys 31,767 names.
  if (/^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(text)) return text.toLowerCase();
  // Accents are stripped ("Ynys Môn"), but NFKD is slow and the tree is almost all ASCII.
  const plain = /[^\x00-\x7f]/.test(text) ? text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : text;
  return plain
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’‘`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Ids for parseLocationTree() output the way loadLocationTree() assigns them on an empty table: 1.. in order. */
export function toTreeNodes(nodes: readonly LocationNode[]): TreeNode[] {
  const ids = new Map<string, number>();
  return nodes.map((n, i) => {
    ids.set(n.path, i + 1);
    return { id: i + 1, name: n.name, path: n.path, depth: n.depth, parentId: n.parentPath ? (ids.get(n.parentPath) ?? null) : null };
  });
}

// Pieces of LocationRaw that name separate places: "Dorking, Surrey", "Central London / West End".
const PART_SEPARATOR = /[,;/|()[\]\r\n]+/;
// A spaced hyphen separates places too ("Hampshire - Portsmouth"), but advertisers also type
// "Southend - On - Sea" and "Henley-on- Thames", so names are still looked for across it.
const HYPHEN_SEPARATOR = /\s+[-–—]+\s*|\s*[-–—]+\s+/;

type Mention = { key: string; wholePart: boolean };
type Targets = { named: number[]; covered: number[] }; // nodes a mention names outright / nodes an alias covers
type Score = { idx: number; direct: number; sibling: number; specificity: number; firstMention: number };

export class LocationResolver {
  private readonly nodes: readonly TreeNode[];
  private readonly indexById = new Map<number, number>();
  private readonly parent: Int32Array; // node index of the parent, -1 for a root
  // Pre-order numbering: node a is an ancestor-or-self of b iff pre[a] <= pre[b] < pre[a] + size[a].
  private readonly pre: Int32Array;
  private readonly size: Int32Array;
  private readonly preOrder: Int32Array; // pre-order position -> node index
  private readonly keys: string[]; // locationKey(name) per node index
  private readonly byKey = new Map<string, number[]>(); // name key -> node indexes
  private readonly sameAs = new Map<string, number[]>(); // synonym key -> node indexes (can be candidates)
  private readonly covers = new Map<string, number[]>(); // area key -> node indexes (evidence only)
  private readonly maxPhraseWords: number;
  private readonly cache = new Map<string, Resolution>();

  constructor(nodes: readonly TreeNode[]) {
    this.nodes = nodes;
    const n = nodes.length;
    nodes.forEach((node, i) => this.indexById.set(node.id, i));

    this.parent = new Int32Array(n).fill(-1);
    const firstChild = new Int32Array(n).fill(-1);
    const nextSibling = new Int32Array(n).fill(-1);
    const roots: number[] = [];
    // Children are prepended, so each list runs in reverse input order; pushed onto the DFS stack in
    // that order, they come off it in input order.
    for (let i = 0; i < n; i++) {
      const p = nodes[i].parentId == null ? undefined : this.indexById.get(nodes[i].parentId!);
      if (p === undefined) {
        roots.push(i);
        continue;
      }
      this.parent[i] = p;
      nextSibling[i] = firstChild[p];
      firstChild[p] = i;
    }

    // Iterative DFS (no recursion: the tree is shallow, but the input is not trusted to be).
    this.pre = new Int32Array(n).fill(-1);
    this.size = new Int32Array(n);
    this.preOrder = new Int32Array(n);
    let counter = 0;
    const stack: number[] = [];
    for (const root of roots) {
      stack.push(root);
      while (stack.length) {
        const i = stack.pop()!;
        if (i < 0) {
          const done = ~i;
          this.size[done] = counter - this.pre[done];
          continue;
        }
        if (this.pre[i] !== -1) continue; // defends against a parent cycle in bad input
        this.pre[i] = counter;
        this.preOrder[counter++] = i;
        stack.push(~i);
        for (let c = firstChild[i]; c !== -1; c = nextSibling[c]) stack.push(c);
      }
    }

    this.keys = nodes.map((node) => locationKey(node.name));
    let maxWords = 1;
    nodes.forEach((node, i) => {
      const key = this.keys[i];
      if (!key) return;
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
      maxWords = Math.max(maxWords, wordCount(key));
    });

    const add = (map: Map<string, number[]>, key: string, idxs: number[]) => {
      if (!key || !idxs.length) return;
      const list = map.get(key) ?? [];
      for (const i of idxs) if (!list.includes(i)) list.push(i);
      map.set(key, list);
      maxWords = Math.max(maxWords, wordCount(key));
    };

    for (const [alias, names] of Object.entries(SAME_PLACE)) {
      add(
        this.sameAs,
        locationKey(alias),
        names.flatMap((name) => this.byKey.get(locationKey(name)) ?? []),
      );
    }
    for (const [alias, paths] of Object.entries(COVERS)) {
      // Found through the name index: a path -> node map would cost more to build than it saves.
      const byPath = (path: string) => (this.byKey.get(locationKey(path.split(PATH_SEPARATOR).pop()!)) ?? []).filter((i) => nodes[i].path === path);
      add(this.covers, locationKey(alias), paths.flatMap(byPath));
    }

    // Aliases derived from the tree itself.
    const compassParts = new Map<string, number[]>();
    nodes.forEach((node, i) => {
      const key = this.keys[i];
      // Northern Irish counties: "Co Antrim" for "County Antrim".
      if (key.startsWith("county ")) add(this.sameAs, `co ${key.slice(7)}`, [i]);
      if (node.depth <= 3) {
        // Towns named after their river or the sea are written short: "Southend" for
        // Southend-On-Sea, "Ashton" for Ashton-Under-Lyne. Towns and above only; villages add noise.
        const short = /^(.+?) (?:on|upon|under|super) .+$/.exec(key);
        if (short) add(this.sameAs, short[1], [i]);
      }
      // The rest only for regions and counties, so a village like "West End" doesn't make "end" a place.
      if (node.depth > 2) return;
      if (node.depth === 1) {
        // "South East" / "North West" is how advertisers write "South East England" (same place).
        const england = /^(.+ .+) england$/.exec(key);
        if (england && !this.byKey.has(england[1])) add(this.sameAs, england[1], [i]);
        // "South Wales", "Central Scotland" lie within Wales, Scotland.
        if (!COMPASS_PREFIX.test(key) && !england) {
          for (const c of COMPASS) if (!this.byKey.has(`${c} ${key}`)) add(this.covers, `${c} ${key}`, [i]);
        }
      }
      const compass = COMPASS_PREFIX.exec(key);
      if (compass) compassParts.set(compass[1], [...(compassParts.get(compass[1]) ?? []), i]);
    });
    // "Sussex" covers East and West Sussex, "Yorkshire" North/West/South Yorkshire, "Berkshire" covers
    // West Berkshire (where Newbury is), "England" the English regions. A one-off compass name
    // ("West Bromwich", "North Down") says nothing about "Bromwich", so it needs a second variant
    // or a node of the bare name.
    for (const [rest, idxs] of compassParts) {
      if (idxs.length >= 2 || this.byKey.has(rest)) add(this.covers, rest, idxs);
    }

    this.maxPhraseWords = maxWords;
  }

  /** Results are cached and shared between calls with the same pair, so they are frozen. */
  resolve(normalized: string | null | undefined, raw: string | null | undefined): Resolution {
    const cacheKey = `${normalized ?? ""}\u0000${raw ?? ""}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined) return hit;
    const result = this.compute(normalized ?? "", raw ?? "");
    // Bounded: evict the oldest entry. Pairs repeat a lot (1,038 distinct in the 2,499-ad sample).
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(cacheKey, result);
    return result;
  }

  /**
   * An ad's place from Adzuna's two location cells. Adzuna often normalises to the whole country
   * ("UK") when the advertiser named a town: a more specific place from the raw text serves region
   * filters better.
   */
  resolveAd(normalized: string | null, raw: string | null): Resolution {
    const resolved = raw || normalized ? this.resolve(normalized, raw) : null;
    if (resolved && resolved.node.depth === 0 && raw) {
      const fromRaw = this.resolve(null, raw);
      if (fromRaw && fromRaw.node.depth > 0) return fromRaw;
    }
    return resolved;
  }

  /** every node at or below the given node id (for "London includes every place below it" filters) */
  descendantIds(id: number): number[] {
    const i = this.indexById.get(id);
    if (i === undefined || this.pre[i] === -1) return [];
    const out: number[] = [];
    for (let k = this.pre[i], end = this.pre[i] + this.size[i]; k < end; k++) out.push(this.nodes[this.preOrder[k]].id);
    return out;
  }

  private compute(normalized: string, raw: string): Resolution {
    const mentions = this.mentions(raw);
    const normKey = locationKey(normalized);
    // LocationNormalized is Adzuna's own spelling of a node name: exact names first, synonyms only
    // if none ("Richmond" must not also pull in "Richmond Upon Thames").
    let candidates = normKey ? (this.byKey.get(normKey) ?? this.sameAs.get(normKey) ?? []) : [];
    let fromRaw = false;
    // Where a raw-text candidate is first named: "Southampton, Hampshire" lists the town first.
    const firstMention = new Map<number, number>();
    if (!candidates.length) {
      // LocationNormalized empty or unknown: the places named in the raw text become candidates,
      // whole comma/hyphen parts first ("Hampshire - Portsmouth"), then names inside a part ("EC2 London").
      fromRaw = true;
      for (const wholePart of [true, false]) {
        mentions.forEach((m, at) => {
          if (m.wholePart !== wholePart) return;
          for (const c of this.namedNodes(m.key)) if (!firstMention.has(c)) firstMention.set(c, at);
        });
        candidates = [...firstMention.keys()];
        if (candidates.length) break;
      }
    }
    if (!candidates.length) return null;

    candidates = this.outermostOfSameName(candidates);
    // From raw text, "Portsmouth" refines "Hampshire" and "London" refines "UK": keep the most specific.
    if (fromRaw) candidates = candidates.filter((a) => !candidates.some((b) => b !== a && this.isAncestorOrSelf(a, b)));
    if (candidates.length === 1) return Object.freeze({ node: this.nodes[candidates[0]], ambiguous: false });

    const targets = mentions.map((m) => this.mentionTargets(m.key));
    const scored = candidates.map((c) => this.score(c, targets, firstMention.get(c) ?? 0)).sort((a, b) => this.compare(a, b));
    const ambiguous = evidenceEqual(scored[0], scored[1]);
    return Object.freeze({ node: this.nodes[scored[0].idx], ambiguous });
  }

  /** Place names in the raw text: each part is scanned for the longest known name at each word. */
  private mentions(raw: string): Mention[] {
    const found = new Map<string, Mention>();
    for (const part of raw.split(PART_SEPARATOR)) {
      const key = locationKey(part);
      if (!key) continue;
      const pieces = new Set([key, ...part.split(HYPHEN_SEPARATOR).map(locationKey)]);
      const words = key.split(" ");
      for (let i = 0; i < words.length;) {
        let len = Math.min(this.maxPhraseWords, words.length - i);
        // Longest first, so "Kentish Town" is one place and never evidence for "Kent".
        for (; len > 0; len--) {
          const phrase = words.slice(i, i + len).join(" ");
          if (this.byKey.has(phrase) || this.sameAs.has(phrase) || this.covers.has(phrase)) break;
        }
        if (len === 0) {
          i++;
          continue;
        }
        const phrase = words.slice(i, i + len).join(" ");
        const wholePart = pieces.has(phrase);
        if (!wholePart && GENERIC_WORDS.has(phrase)) {
          i++;
          continue;
        }
        const prev = found.get(phrase);
        if (!prev || (wholePart && !prev.wholePart)) found.set(phrase, { key: phrase, wholePart });
        i += len;
      }
    }
    return [...found.values()];
  }

  private namedNodes(key: string): number[] {
    const direct = this.byKey.get(key) ?? [];
    const alias = this.sameAs.get(key);
    return alias ? unique([...direct, ...alias]) : direct;
  }

  private mentionTargets(key: string): Targets {
    return { named: this.namedNodes(key), covered: this.covers.get(key) ?? [] };
  }

  // "Glasgow" is both UK~Scotland~Glasgow and UK~Scotland~Glasgow~Glasgow: one place, and the outer
  // node already contains the inner one, so keep the outer node instead of calling it ambiguous.
  private outermostOfSameName(candidates: number[]): number[] {
    return candidates.filter((c) => !candidates.some((o) => o !== c && this.keys[o] === this.keys[c] && this.isAncestorOrSelf(o, c)));
  }

  /**
   * Evidence for candidate c, one point per place named in the raw text:
   * - direct: the place is c, an ancestor of c ("Newport, Isle of Wight") or inside c
   *   ("Mile End, London" for the London with Mile End under it);
   * - sibling: the place shares c's parent below county level ("Richmond upon Thames" next to
   *   "Richmond" in London and in Surrey, not in North Yorkshire). Weaker, so counted separately;
   * - specificity: depth of the deepest ancestor named outright (a county beats a region). Areas
   *   an alias merely covers don't count: "London" covering "South East London" must not make
   *   Bromley's Hayes more specific than Hillingdon's.
   */
  private score(c: number, targets: Targets[], firstMention: number): Score {
    let direct = 0;
    let sibling = 0;
    let specificity = -1;
    for (const { named, covered } of targets) {
      let hit = false;
      let near = false;
      for (const t of named) {
        if (this.isAncestorOrSelf(t, c)) {
          hit = true;
          if (t !== c) specificity = Math.max(specificity, this.nodes[t].depth);
        } else if (this.isAncestorOrSelf(c, t)) hit = true;
        else if (this.nodes[c].depth >= 3 && this.parent[t] === this.parent[c]) near = true;
      }
      for (const t of covered) if (!hit && (this.isAncestorOrSelf(t, c) || this.isAncestorOrSelf(c, t))) hit = true;
      if (hit) direct++;
      else if (near) sibling++;
    }
    return { idx: c, direct, sibling, specificity, firstMention };
  }

  // Raw-text evidence first; when that ties (ambiguous), prefer the place named first (raw-text
  // candidates only), then the shallower node, then the bigger place (more nodes below it), then
  // path order so the answer never depends on input order.
  private compare(a: Score, b: Score): number {
    const na = this.nodes[a.idx];
    const nb = this.nodes[b.idx];
    return (
      b.direct - a.direct ||
      b.sibling - a.sibling ||
      b.specificity - a.specificity ||
      a.firstMention - b.firstMention ||
      na.depth - nb.depth ||
      this.size[b.idx] - this.size[a.idx] ||
      (na.path < nb.path ? -1 : na.path > nb.path ? 1 : 0)
    );
  }

  private isAncestorOrSelf(a: number, b: number): boolean {
    return this.pre[a] <= this.pre[b] && this.pre[b] < this.pre[a] + this.size[a];
  }
}

function evidenceEqual(a: Score, b: Score): boolean {
  return a.direct === b.direct && a.sibling === b.sibling && a.specificity === b.specificity;
}

function wordCount(key: string): number {
  let n = 1;
  for (let i = key.indexOf(" "); i !== -1; i = key.indexOf(" ", i + 1)) n++;
  return n;
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)];
}
