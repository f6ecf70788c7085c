// Salary parsing for Adzuna job ads: the free-text SalaryRaw column ("20000 - 30000/annum 20-30K",
// "7.00 to 9.00 per hour", "Up to 375 Per Day") and, as a fallback, an explicit salary in the
// description. Plain TypeScript with no dependencies: it runs once per row on 250,000-row imports,
// so every regex is compiled once here and each scan is a single left-to-right pass.

export type SalaryPeriod = "YEAR" | "MONTH" | "WEEK" | "DAY" | "HOUR";
export type Salary = {
  min: number | null; // lower bound in the stated period, GBP (hourly may be fractional, e.g. 8.5)
  max: number | null; // upper bound in the stated period
  period: SalaryPeriod;
  annualMin: number | null; // annualised whole pounds (Math.round)
  annualMax: number | null;
};

// Calibrated against Adzuna's SalaryNormalized: it annualises £8/hour as 15,360 (= 8 × 40 × 48),
// £125/day as 30,000 (× 240) and £450/week as 21,600 (× 48). So a working year is 48 paid weeks of
// 5 days / 40 hours — hourly, daily and weekly rates are mostly temp/contract work, where the ~4
// weeks of holiday are not paid. With 52 weeks every such row would sit 8.3% above Adzuna's figure.
export const HOURS_PER_WEEK_DEFAULT = 40;
export const WEEKS_PER_YEAR = 48;
export const DAYS_PER_WEEK = 5;
export const MONTHS_PER_YEAR = 12;

// Anything outside this, once annualised, is a misparse (a phone number, a turnover, a typo).
export const ANNUAL_MIN = 1_000;
export const ANNUAL_MAX = 1_000_000;

export function annualise(amount: number, period: SalaryPeriod, hoursPerWeek: number = HOURS_PER_WEEK_DEFAULT): number {
  if (!(hoursPerWeek > 0 && hoursPerWeek <= 168)) throw new RangeError(`hoursPerWeek must be in (0, 168], got ${hoursPerWeek}`);
  switch (period) {
    case "YEAR":
      return amount;
    case "MONTH":
      return amount * MONTHS_PER_YEAR;
    case "WEEK":
      return amount * WEEKS_PER_YEAR;
    case "DAY":
      return amount * DAYS_PER_WEEK * WEEKS_PER_YEAR;
    case "HOUR":
      return amount * hoursPerWeek * WEEKS_PER_YEAR;
  }
}

export function salaryMidpoint(s: Salary): number | null {
  if (s.annualMin !== null && s.annualMax !== null) return Math.round((s.annualMin + s.annualMax) / 2);
  return s.annualMax ?? s.annualMin;
}

// ---------------------------------------------------------------------------------------------
// Building blocks. All case-insensitive; nothing is lower-cased up front so indices into the
// original text stay valid.

// A number: "25,000", "25000", "8.50", "25000.00". Adzuna masks digits as "****" (e.g. "****k",
// "2****%", "****,000"), so a number touching "**" is part of a masked figure and is not a number;
// a single "*" is just a bullet ("*11.22 per hour (Level 2 Coach)").
const NUM = String.raw`((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?!\d|\*\*)`;
const NUM_START = String.raw`(?<![\d.,/]|\*\*)`;
// "25k", "25 K", "25kpa" — but not "25 km".
const K = String.raw`(?:\s?(k)(?![a-oq-z]))?`;
const UNIT = String.raw`(?:\s*(?:gbp|uk\s+pounds?|pounds?|sterling))?`;
const CUR = String.raw`(?:£|&pound;|\$|gbp\s?)`;
const SEP = String.raw`-|–|—|‒|−|(?<![a-z])to(?![a-z])|(?<![a-z])and(?![a-z])`;

// Period words. Not preceded by a letter (so "8p/hr" and "16.00ph" work) and not followed by one.
// "pm" is deliberately absent: in descriptions it is nearly always a time ("4.30 pm").
const CUE_SRC: Record<SalaryPeriod, string> = {
  HOUR: String.raw`per\s*(?:hour|hr)|an?\s+hour|\/\s*(?:hour|hr|h)|hourly|p\s?[./]?\s?h(?:r|our)?`,
  DAY: String.raw`per\s*day|a\s+day|\/\s*(?:day|d)|daily|p\s?[./]?\s?d(?:ay)?`,
  WEEK: String.raw`per\s*(?:week|wk)|a\s+week|\/\s*(?:week|wk|w)|weekly|p\s?[./]?\s?w(?:k|eek)?`,
  MONTH: String.raw`per\s*(?:calendar\s+)?month|a\s+month|\/\s*(?:month|mth|m)|monthly|p\.?\s?c\.?\s?m|p\s?\/\s?m`,
  YEAR: String.raw`per\s*(?:annum|anum|year|yr)|a\s+year|\/\s*(?:annum|year|yr|a)|annual(?:ly)?|yearly|p\s?[./]?\s?a`,
};
const PERIODS = Object.keys(CUE_SRC) as SalaryPeriod[];
const CUE = String.raw`(?<![a-z])(?:${PERIODS.map((p) => CUE_SRC[p]).join("|")})(?![a-z])\.?`;
const CUE_EXACT = PERIODS.map((p) => [p, new RegExp(String.raw`^(?:${CUE_SRC[p]})\.?$`, "i")] as const);
const CUE_ANY = new RegExp(CUE, "gi");

// One amount or a range, read from the first number onwards (sticky). Between the two numbers only
// a period word and a few contractor words may appear: "23 per hour LTD to 29 per hour LTD".
const FILLER = String.raw`(?:\s*(?:ltd|paye|umbrella|basic|gross))?`;
const SINGLE_SRC = `${NUM}${K}${UNIT}(?:\\s*(${CUE}))?`;
const RANGE = new RegExp(`${SINGLE_SRC}${FILLER}(?:\\s*(${SEP})\\s*(?:up\\s?to\\s*)?(?:${CUR}\\s*)?${NUM}${K}${UNIT}(?:\\s*(${CUE}))?)?`, "iy");
const SINGLE = new RegExp(SINGLE_SRC, "iy");
const CANDIDATE = new RegExp(NUM_START + NUM, "g");

// Words right after a number that make it something other than money: "35 hours", "25 days
// holiday", "20%", "£2m turnover", "4.30 pm", "12/06/2012", "1st".
const NOT_MONEY_AFTER = new RegExp(
  String.raw`^\s*(?:%|\/\d|:\d|(?:per\s*cent|percent|x|hours?|hrs?|days?|weeks?|wks?|months?|mths?|years?|yrs?|mins?|minutes?|nights?|shifts?|sessions?|people|persons?|staff|employees|members|beds?|bedded|bedrooms?|rooms?|covers|stars?|rosettes?|sites?|stores?|branches|offices|miles?|km|units?|points?|m|mn|bn|million|billion|st|nd|rd|th|am|pm)(?![a-z]))`,
  "i",
);
// "Up to 30,000", "To 55k", "**** - 46,000" (masked lower bound) → only the upper bound is known.
const MAX_ONLY_BEFORE = new RegExp(String.raw`(?:(?<![a-z])(?:up\s?to|to|max(?:imum)?(?:\s+of)?|under)|\*\*+\s*k?\s*(?:-|–|—|to)?)\s*:?\s*${CUR}?\s*$`, "i");
// "From £18k", "minimum of 20,000" → only the lower bound.
const MIN_ONLY_BEFORE = new RegExp(String.raw`(?<![a-z])(?:from|min(?:imum)?(?:\s+of)?|at\s+least|starting\s+(?:at|from)|in\s+excess\s+of|over)\s*:?\s*${CUR}?\s*$`, "i");
const OPEN_ABOVE_AFTER = /^\s*\+\s*(?:$|\))/; // "10,000+"
const MASKED_NEXT = /^\s*\d*\*\*/; // "Basic Salary 20 2****k": a figure mangled by masking
const MASKED_UPPER_AFTER = /^\s*(?:-|–|—|to)\s*(?:£|\$)?\d*\*\*/i; // "20000 - ****", "20000 - 2****"
const BETWEEN_BEFORE = new RegExp(String.raw`(?<![a-z])between\s*${CUR}?\s*$`, "i");
const FOREIGN = /usd|us\$|€|(?<![a-z])eur(?:os?)?(?![a-z])/i;

// Hours a week, stated anywhere ("based on 37.5 hrs a week", "46 Hours p.w.", "a 40 hour week",
// "Working hours: 37.5 per week"). Phrases counting hours/days/shifts per period are blanked out
// before looking for amounts, so their "per week" is never taken for the pay period.
const HOURS_PER_WEEK = new RegExp(
  String.raw`(?<![\d.,])(\d{1,3}(?:\.\d{1,2})?)\s*(?:-\s*)?(?:hours?|hrs?)\b\.?\s*(?:(?:per|a|each|every|\/|p\/)\s*(?:week|wk)\b|p\.?\s?w\b\.?|(?:working\s+)?week\b)` +
    String.raw`|(?<![a-z])(?:hours?|hrs?)\s*(?::\s*)?(\d{1,2}(?:\.\d{1,2})?)\s*(?:per|a|\/)\s*week\b`,
  "gi",
);
const COUNT_PER_PERIOD = /(?<![\d.,])\d+(?:\.\d+)?\s*(?:hours?|hrs?|days?|shifts?|nights?|sessions?|weeks?)\s*(?:per|a|each|every|\/)\s*(?:day|week|wk|month|year|annum)\b/gi;

// findSalaryInText: a number counts only with a "£" or after a pay word followed by nothing but
// connecting words ("Salary: up to £25,000", "paying circa 40K", "hourly pay at 7.50").
const PAY_WORD_BEFORE = new RegExp(
  String.raw`(?<![a-z])(salary|salaries|pay|paying|paid|wages?|rates?|remuneration|earn|earning|earnings|ote|basic|income)` +
    String.raw`(?:[\s:(\-–]|\*\*+(?!\*)k?|£|&pound;|\b(?:of|is|at|be|will|from|circa|c|approx|approximately|around|about|up|upto|to|between|in|the|region|range|ranging|starting|start|starts|basic|gbp|an?|hourly|daily|annual|weekly|monthly|rate|salary|negotiable|competitive|just|under|over|min|minimum|max|maximum|per|hour|annum|day)\b)*$`,
  "i",
);
const CURRENCY_BEFORE = /(?:£|&pound;|gbp)\s*$/i;
const CURRENCY_AFTER = /^\s*(?:k\s*)?(?:gbp|pounds?|sterling)(?![a-z])/i;
// A "£" figure that is plainly not pay: "turnover of £500k", "£500 joining bonus".
const NOT_PAY_BEFORE =
  /(?<![a-z])(?:turnover|revenue|budget|funding|invest\w*|worth|valued?|value|target|portfolio|billings?|fees?|spend|capital|costs?|price|grant|profits?)(?![a-z])[^.\n£]{0,25}(?:£|&pound;)?\s*$/i;
const NOT_PAY_AFTER =
  /^\s*(?:(?!plus\b|and\b|with\b|basic\b|per\b|pa\b)[a-z]+\s+)?(?:bonus|allowance|relocation|vouchers?|incentive|golden|referral|commission|budget|turnover|revenue|funding|grant|loan|mileage|sign(?:ing)?[\s-]on|joining)(?![a-z])/i;
const PERIOD_WORD_BEFORE: [SalaryPeriod, RegExp][] = [
  ["HOUR", /(?<![a-z])(?:hourly|per\s+hour)(?![a-z])/i],
  ["DAY", /(?<![a-z])(?:daily|day\s+rate)(?![a-z])/i],
  ["WEEK", /(?<![a-z])weekly(?![a-z])/i],
  ["MONTH", /(?<![a-z])monthly(?![a-z])/i],
  ["YEAR", /(?<![a-z])(?:annual|per\s+annum)(?![a-z])/i],
];
const SENTENCE_END = /[.!?;\n]\s|\n|[\d*]/;

// ---------------------------------------------------------------------------------------------

type Phrase = {
  start: number; // index of the first number
  end: number; // index after the whole phrase
  lo: number;
  hi: number | null; // null: a single amount
  cue: SalaryPeriod | null; // period written next to the amounts
  hasK: boolean;
  moneyFormat: boolean; // "8.50", "25,000", "25k": written like money, not a count
  bounds: "both" | "max" | "min";
};

function toNumber(digits: string, k: string | undefined): number {
  const n = Number(digits.replace(/,/g, ""));
  return k ? Math.round(n * 1000 * 100) / 100 : n;
}

function cueOf(text: string | undefined): SalaryPeriod | null {
  if (!text) return null;
  const t = text.trim();
  for (const [p, re] of CUE_EXACT) if (re.test(t)) return p;
  return null;
}

// Reads the amount or range that starts at `start`, or null when the number there is not money.
function readPhrase(s: string, start: number): Phrase | null {
  // Leading zero ("01234 567890", "08.30"): a phone number or a time.
  if (s.charAt(start) === "0" && /\d/.test(s.charAt(start + 1))) return null;
  if (s.charAt(start - 1) === "+") return null; // "+44 ..."

  RANGE.lastIndex = start;
  let m = RANGE.exec(s);
  if (!m) return null;
  const before = s.slice(Math.max(0, start - 40), start);
  if (m[5] !== undefined && /^and$/i.test(m[4]) && !BETWEEN_BEFORE.test(before)) {
    SINGLE.lastIndex = start;
    m = SINGLE.exec(s)!;
  }
  const k1 = m[2];
  if (!k1 && NOT_MONEY_AFTER.test(s.slice(start + m[1].length, start + m[1].length + 16))) return null;

  let lo = toNumber(m[1], k1);
  let hi: number | null = null;
  let cue = cueOf(m[3]);
  let end = m.index + m[0].length;
  let hasK = !!k1;
  if (m[5] !== undefined) {
    let a = lo;
    const b = toNumber(m[5], m[6]);
    // "20-30K", "30-45000", "21 - 23,000": the thousands apply to both ends.
    if (!k1 && a < 1000 && b >= 1000 && a * 1000 <= b * 3 && a * 1000 >= b / 3) a *= 1000;
    const [x, y] = a <= b ? [a, b] : [b, a];
    // "0 to 13 per hour" means "up to 13"; a ratio above 20 is two unrelated numbers.
    if (y > 0 && (x === 0 || y / x <= 20)) {
      lo = a;
      hi = b;
      hasK ||= !!m[6];
      cue ??= cueOf(m[7]);
    } else {
      // Not a range after all: keep the first amount and its own period word.
      SINGLE.lastIndex = start;
      const single = SINGLE.exec(s)!;
      end = single.index + single[0].length;
    }
  }

  if (MASKED_NEXT.test(s.slice(end, end + 8))) return null;

  let bounds: Phrase["bounds"] = "both";
  if (hi === null) {
    const after = s.slice(end, end + 12);
    if (MAX_ONLY_BEFORE.test(before)) bounds = "max";
    else if (MIN_ONLY_BEFORE.test(before) || OPEN_ABOVE_AFTER.test(after) || MASKED_UPPER_AFTER.test(after)) bounds = "min";
  }
  const moneyFormat = hasK || /[.,]/.test(m[1]);
  return { start, end, lo, hi, cue, hasK, moneyFormat, bounds };
}

// Period from magnitude when none is written. From the sample: stated hourly rates run 5–55,
// daily 75–375, weekly 350–507, annual 10,000 up. 100–999 is read as a day rate (contract day
// rates are the usual bare three-digit figure); 1,000–9,999 is left unread: it could be a monthly
// wage or a part-time annual one.
function periodFromMagnitude(p: Phrase): SalaryPeriod | null {
  if (p.hasK) return "YEAR";
  const v = Math.max(p.lo, p.hi ?? 0);
  if (v < 100) return "HOUR";
  if (v < 1000) return "DAY";
  if (v < 10000) return null;
  return "YEAR";
}

function build(p: Phrase, period: SalaryPeriod, hoursPerWeek: number): Salary | null {
  let min: number | null = p.hi === null ? (p.bounds === "max" ? null : p.lo) : p.lo;
  let max: number | null = p.hi === null ? (p.bounds === "min" ? null : p.lo) : p.hi;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  if (min === 0) min = null;
  if (max === 0) max = null;
  if (min === null && max === null) return null;
  const yearly = (v: number | null) => (v === null ? null : Math.round(annualise(v, period, period === "HOUR" ? hoursPerWeek : undefined)));
  const annualMin = yearly(min);
  const annualMax = yearly(max);
  for (const a of [annualMin, annualMax]) if (a !== null && (a < ANNUAL_MIN || a > ANNUAL_MAX)) return null;
  return { min, max, period, annualMin, annualMax };
}

// A period word found away from the amounts is trusted only if the result is sane; otherwise the
// magnitude decides ("35000 - 45000 + 5 days per week").
function resolve(p: Phrase, laterCue: SalaryPeriod | null, hoursPerWeek: number): Salary | null {
  if (p.cue) return build(p, p.cue, hoursPerWeek);
  if (laterCue) {
    const s = build(p, laterCue, hoursPerWeek);
    if (s) return s;
  }
  const guess = periodFromMagnitude(p);
  return guess ? build(p, guess, hoursPerWeek) : null;
}

function blank(match: string): string {
  return " ".repeat(match.length);
}

// Finds the stated hours a week (first sane one) and blanks every "N hours/days per period" phrase.
function stripCounts(text: string): { s: string; hoursPerWeek: number } {
  let hoursPerWeek = HOURS_PER_WEEK_DEFAULT;
  let found = false;
  const s = text
    .replace(HOURS_PER_WEEK, (all, a: string | undefined, b: string | undefined) => {
      const h = Number(a ?? b);
      if (!found && h >= 1 && h <= 80) {
        hoursPerWeek = h;
        found = true;
      }
      return blank(all);
    })
    .replace(COUNT_PER_PERIOD, blank);
  return { s, hoursPerWeek };
}

function firstCue(s: string, from: number): SalaryPeriod | null {
  CUE_ANY.lastIndex = from;
  const m = CUE_ANY.exec(s);
  return m ? cueOf(m[0]) : null;
}

// ---------------------------------------------------------------------------------------------

export function parseSalary(raw: string | null | undefined): Salary | null {
  if (!raw || !/\d/.test(raw)) return null; // "Competitive", "Negotiable", "DOE", ""
  // One feed (careworx) writes "£" as "$" for UK jobs; an explicit foreign currency is not GBP.
  if (FOREIGN.test(raw)) return null;
  const { s, hoursPerWeek } = stripCounts(raw);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(s); m; m = CANDIDATE.exec(s)) {
    const p = readPhrase(s, m.index);
    if (!p) continue;
    // The first amount is the salary; later ones restate it or are perks ("OTE 120,000", "IRO 3K").
    return resolve(p, p.cue ? null : firstCue(s, p.end), hoursPerWeek);
  }
  return null;
}

export function findSalaryInText(text: string | null | undefined): Salary | null {
  if (!text || !/\d/.test(text)) return null;
  const { s, hoursPerWeek } = stripCounts(text);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(s); m; m = CANDIDATE.exec(s)) {
    const p = readPhrase(s, m.index);
    if (!p) continue;
    CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, p.end); // never re-read the second half of a range
    const before = s.slice(Math.max(0, p.start - 60), p.start);
    const after = s.slice(p.end, p.end + 40);
    const pound = CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(s.slice(p.start + m[1].length, p.start + m[1].length + 12));
    const payWord = PAY_WORD_BEFORE.exec(before);
    // A bare "6.30 per hour" is money even without a pay word; "37.5 per week" is not.
    const bareHourly = p.cue === "HOUR" && /\.\d\d$/.test(m[1]);
    if (!pound && !payWord && !bareHourly) continue;
    if (!payWord && NOT_PAY_BEFORE.test(before)) continue;
    if (NOT_PAY_AFTER.test(after)) continue;
    const digitsOnly = !p.moneyFormat && !pound;
    if (digitsOnly && !p.cue && p.hi === null && p.lo >= 1900 && p.lo <= 2099) continue; // a year
    // A period word just after ("11.15 weekday hourly rate"), before any other figure or sentence end.
    let near: SalaryPeriod | null = null;
    if (!p.cue) {
      const cut = after.search(SENTENCE_END);
      near = firstCue(cut === -1 ? after : after.slice(0, cut), 0);
      // ...or one in the words leading up to it ("hourly pay at 7.50", "day rate of 450").
      const lead = payWord ? before.slice(Math.max(0, payWord.index - 20)) : "";
      if (!near && lead) near = PERIOD_WORD_BEFORE.find(([, re]) => re.test(lead))?.[0] ?? null;
    }
    const salary = resolve(p, near, hoursPerWeek);
    if (salary) return salary;
  }
  return null;
}
