import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOURS_PER_WEEK_DEFAULT, annualise, findSalaryInText, parseSalary, salaryMidpoint, type Salary, type SalaryPeriod } from "./salary";

const SAMPLE = path.resolve("../shared/data/adzuna/Train_rev1_sample.csv");

// SalaryRaw values copied verbatim from the sample (leading spaces, "$" for "£" and all).
// [raw, min, max, period]
const REAL_RAWS: [string, number | null, number | null, SalaryPeriod][] = [
  ["32 to 55 per hour", 32, 55, "HOUR"],
  ["40000 to 45000 per year", 40000, 45000, "YEAR"],
  ["15,000 to 22,000 per year", 15000, 22000, "YEAR"],
  ["7.00 to 9.00 per hour", 7, 9, "HOUR"],
  ["7.45 to 11.17 per hour", 7.45, 11.17, "HOUR"],
  ["12 to 12 per hour", 12, 12, "HOUR"],
  ["18000 per annum", 18000, 18000, "YEAR"],
  ["16,000 per annum + Tips", 16000, 16000, "YEAR"],
  ["20000 - 30000/annum 20-30K", 20000, 30000, "YEAR"],
  ["40000 - 60000/annum 40K-60K", 40000, 60000, "YEAR"],
  ["25k-50k Per Annum OTE", 25000, 50000, "YEAR"],
  ["10000 - 15000 pa", 10000, 15000, "YEAR"],
  ["Up to 7.40 p.h. & Up to 46 Hours p.w.", null, 7.4, "HOUR"],
  ["Up to 45,000 per year + 40000.00-45000.00", null, 45000, "YEAR"],
  ["Up to 20k", null, 20000, "YEAR"],
  ["From 33,000 to 39,000 per annum bonus,car allowance and pckge", 33000, 39000, "YEAR"],
  ["7 p/h", 7, 7, "HOUR"],
  ["6 - 7/hour", 6, 7, "HOUR"],
  ["400.00 to 450.00 per week", 400, 450, "WEEK"],
  ["350 to 450 per week", 350, 450, "WEEK"],
  ["30000 - 40000, Negotiable", 30000, 40000, "YEAR"],
  ["25000/annum c25k", 25000, 25000, "YEAR"],
  ["15500", 15500, 15500, "YEAR"],
  ["12/hour", 12, 12, "HOUR"],
  ["Upto 25,000 per annum + Tips (IRO 2.5K Per annum)", null, 25000, "YEAR"],
  ["Upto 16,000 per annum + Tips (IRO 3K Per Annum)", null, 16000, "YEAR"],
  ["Up to 65000 UK Pounds/year", null, 65000, "YEAR"],
  ["Up to 375 Per Day", null, 375, "DAY"],
  ["Up to 150,000 basic + excellent bonus", null, 150000, "YEAR"],
  ["To 55k plus excellent benefits", null, 55000, "YEAR"],
  ["Salary package around 24,000", 24000, 24000, "YEAR"],
  ["From 468 to 507 per week", 468, 507, "WEEK"],
  ["From 40,000 to 49,999 per year + ( 40,000 - 49,999)", 40000, 49999, "YEAR"],
  ["Competitive base salary of 36,000, plus a joining award of 8,000", 36000, 36000, "YEAR"],
  ["90 - 140/day Excellent Rates of Pay", 90, 140, "DAY"],
  ["75 to 80 per day", 75, 80, "DAY"],
  ["65000.00 - 75000.00 GBP Annual", 65000, 75000, "YEAR"],
  ["6.50 p/h + commission", 6.5, 6.5, "HOUR"],
  ["50K-60K + 120K OTE", 50000, 60000, "YEAR"],
  ["50000/annum C50,000 negotiable + pension", 50000, 50000, "YEAR"],
  ["40000, co car + excellent bens", 40000, 40000, "YEAR"],
  ["40000 - 85400/annum 40k OTE 40k + CA", 40000, 85400, "YEAR"],
  ["40000 - 50000/annum OTE 70,000 - 80,000", 40000, 50000, "YEAR"],
  ["40-55K", 40000, 55000, "YEAR"],
  ["37000 - 47000/annum 37K to 47K + benefits", 37000, 47000, "YEAR"],
  ["35 - 45/hour", 35, 45, "HOUR"],
  ["32,000 – 38,000", 32000, 38000, "YEAR"],
  ["30-45000", 30000, 45000, "YEAR"],
  ["20.00 - 27.00 GBP Hourly", 20, 27, "HOUR"],
  ["17 - 17.33/hour", 17, 17.33, "HOUR"],
  ["11/hour 11.00 p.hr + Overtime", 11, 11, "HOUR"],
  ["12 - 13/hour 12 - 13 p.hr d.o.e", 12, 13, "HOUR"],
  ["10,000+", 10000, null, "YEAR"],
  ["*11.22 per hour (Level 2 Coach) *13.33 per hour (Club Coach)", 11.22, 11.22, "HOUR"],
  [" 20 - 25k Basic,  70 - 75K OTE+++", 20000, 25000, "YEAR"],
  [" 65,000.00 - 75,000.00", 65000, 75000, "YEAR"],
  ["7.00 to Competitive per hour", 7, 7, "HOUR"],
  ["35,000 to Negotiable per year", 35000, 35000, "YEAR"],
  ["90 per day to 120 per day per year", 90, 120, "DAY"],
  ["8p/hr to 9p/hr per hour", 8, 9, "HOUR"],
  ["16.00ph to 22.00ph per hour", 16, 22, "HOUR"],
  ["23 per hour LTD to 29 per hour LTD per hour", 23, 29, "HOUR"],
  ["15.15 ph to 16.65 ph per year", 15.15, 16.65, "HOUR"],
  ["$12 to $12.5 per hour", 12, 12.5, "HOUR"],
  ["0 to 13 per hour", null, 13, "HOUR"],
  ["18,000 per annum + Tips (IRO 120 Per Month)", 18000, 18000, "YEAR"],
  ["Basic salaries range from 50,000 to 90,000 + Commission.", 50000, 90000, "YEAR"],
];

describe("annualise", () => {
  it("uses 48 paid weeks of 5 days / 40 hours, as Adzuna's SalaryNormalized does", () => {
    expect(HOURS_PER_WEEK_DEFAULT).toBe(40);
    expect(annualise(25000, "YEAR")).toBe(25000);
    expect(annualise(2000, "MONTH")).toBe(24000);
    expect(annualise(450, "WEEK")).toBe(21600);
    expect(annualise(125, "DAY")).toBe(30000);
    expect(annualise(8, "HOUR")).toBe(15360);
  });

  it("uses the given hours a week for hourly pay only", () => {
    expect(annualise(12.5, "HOUR", 37.5)).toBe(22500);
    expect(annualise(100, "DAY", 20)).toBe(24000);
  });

  it("rejects impossible hours a week", () => {
    expect(() => annualise(10, "HOUR", 0)).toThrow(RangeError);
    expect(() => annualise(10, "HOUR", 200)).toThrow(RangeError);
  });
});

describe("salaryMidpoint", () => {
  const s = (annualMin: number | null, annualMax: number | null): Salary => ({ min: 1, max: 1, period: "YEAR", annualMin, annualMax });
  it("averages the two bounds and rounds", () => {
    expect(salaryMidpoint(s(20000, 30001))).toBe(25001);
  });
  it("falls back to the one bound present", () => {
    expect(salaryMidpoint(s(null, 30000))).toBe(30000);
    expect(salaryMidpoint(s(18000, null))).toBe(18000);
    expect(salaryMidpoint(s(null, null))).toBeNull();
  });
});

describe("parseSalary: real SalaryRaw values", () => {
  it.each(REAL_RAWS)("%j → %s–%s %s", (raw, min, max, period) => {
    const s = parseSalary(raw);
    expect(s).not.toBeNull();
    expect({ min: s!.min, max: s!.max, period: s!.period }).toEqual({ min, max, period });
  });

  it("annualises with the hours a week stated in the value", () => {
    // 7.40 × 46 × 48, not 7.40 × 40 × 48.
    expect(parseSalary("Up to 7.40 p.h. & Up to 46 Hours p.w.")).toMatchObject({ annualMin: null, annualMax: 16339 });
  });

  it("rounds the annual figures to whole pounds", () => {
    expect(parseSalary("7.45 to 11.17 per hour")).toMatchObject({ annualMin: 14304, annualMax: 21446 });
  });

  it.each(["56000USD per year", "US$40,000", "€35,000 per annum"])("rejects a foreign currency: %j", (raw) => {
    expect(parseSalary(raw)).toBeNull();
  });
});

describe("parseSalary: shapes from the brief", () => {
  // [raw, min, max, period, annualMin, annualMax]
  it.each<[string, number | null, number | null, SalaryPeriod, number | null, number | null]>([
    ["20-30K", 20000, 30000, "YEAR", 20000, 30000],
    ["£25,000 pa", 25000, 25000, "YEAR", 25000, 25000],
    ["25,000 per annum", 25000, 25000, "YEAR", 25000, 25000],
    ["up to 16,000", null, 16000, "YEAR", null, 16000],
    ["Up to £30k", null, 30000, "YEAR", null, 30000],
    ["From £18k", 18000, null, "YEAR", 18000, null],
    ["c40000 + benefits", 40000, 40000, "YEAR", 40000, 40000],
    ["£40k + car + bonus", 40000, 40000, "YEAR", 40000, 40000],
    ["OTE £45,000", 45000, 45000, "YEAR", 45000, 45000],
    ["£8.50 per hour", 8.5, 8.5, "HOUR", 16320, 16320],
    ["8.50 - 9.00 /hour", 8.5, 9, "HOUR", 16320, 17280],
    ["£150 - £200 per day", 150, 200, "DAY", 36000, 48000],
    ["£350 p/d", 350, 350, "DAY", 84000, 84000],
    ["£2,000 per month", 2000, 2000, "MONTH", 24000, 24000],
    ["£2,000 pcm", 2000, 2000, "MONTH", 24000, 24000],
    ["£3,500 p.c.m.", 3500, 3500, "MONTH", 42000, 42000],
    ["£400 per week", 400, 400, "WEEK", 19200, 19200],
    ["£400 pw", 400, 400, "WEEK", 19200, 19200],
    ["£12.50/hr based on 37.5 hrs a week", 12.5, 12.5, "HOUR", 22500, 22500],
    ["37.5 hours per week, £9 per hour", 9, 9, "HOUR", 16200, 16200],
    ["25,000 to 30,000", 25000, 30000, "YEAR", 25000, 30000],
    ["25,000 - 30,000", 25000, 30000, "YEAR", 25000, 30000],
    ["25,000 – 30,000", 25000, 30000, "YEAR", 25000, 30000],
    ["25,000 — 30,000", 25000, 30000, "YEAR", 25000, 30000],
    ["between £20,000 and £25,000", 20000, 25000, "YEAR", 20000, 25000],
    ["25k", 25000, 25000, "YEAR", 25000, 25000],
    ["25K", 25000, 25000, "YEAR", 25000, 25000],
    ["£25kpa", 25000, 25000, "YEAR", 25000, 25000],
    ["25000.00", 25000, 25000, "YEAR", 25000, 25000],
    ["£25,000.00", 25000, 25000, "YEAR", 25000, 25000],
    ["30000 - 25000", 25000, 30000, "YEAR", 25000, 30000],
    ["**** - 30,000", null, 30000, "YEAR", null, 30000],
    ["20000 - ****", 20000, null, "YEAR", 20000, null],
    ["20000 - 2****", 20000, null, "YEAR", 20000, null],
    // A period written further on still counts when no period sits next to the amount.
    ["£450 plus overtime per week", 450, 450, "WEEK", 21600, 21600],
    ["£2,000 net per month", 2000, 2000, "MONTH", 24000, 24000],
    ["Negotiable (3 month contract) 350 per day", 350, 350, "DAY", 84000, 84000],
    ["35000 - 45000 + 5 days per week", 35000, 45000, "YEAR", 35000, 45000],
  ])("%j", (raw, min, max, period, annualMin, annualMax) => {
    expect(parseSalary(raw)).toEqual({ min, max, period, annualMin, annualMax });
  });

  it("infers the period from magnitude when none is written", () => {
    expect(parseSalary("£45")?.period).toBe("HOUR");
    expect(parseSalary("£450")?.period).toBe("DAY");
    expect(parseSalary("£45,000")?.period).toBe("YEAR");
    // 1,000–9,999 with no period could be a monthly or a part-time annual figure: not guessed.
    expect(parseSalary("£5,000")).toBeNull();
  });

  it.each(["Competitive", "Negotiable", "DOE", "", "   ", null, undefined, "£****", "**** per annum", "****k - ****k", "Competitive + 25 days holiday"])(
    "returns null for %j",
    (raw) => {
      expect(parseSalary(raw)).toBeNull();
    },
  );

  // Annual bounds: under £1,000 or over £1,000,000 is a misparse, not a salary.
  it.each(["£2,000,000", "£25,000 per day", "£50 per month", "£0.40 per hour"])("rejects an absurd annual figure: %j", (raw) => {
    expect(parseSalary(raw)).toBeNull();
  });

  it("keeps min ≤ max", () => {
    expect(parseSalary("9.00 - 8.50 per hour")).toMatchObject({ min: 8.5, max: 9 });
  });
});

describe("findSalaryInText", () => {
  // The sample's descriptions have had "£" stripped; these are verbatim fragments of them.
  it.each<[string, number | null, number | null, SalaryPeriod]>([
    ["Salary and working hours Salary: Up to 19,800 MondayFriday", null, 19800, "YEAR"],
    ["Location  Bury, Greater Manchester Salary  24,394.50 My client", 24394.5, 24394.5, "YEAR"],
    ["This is a permanent full time role and is paying circa 40K; the role will be working 40 hours per week", 40000, 40000, "YEAR"],
    ["competitive salary ranging **** to 32,000 per annum", null, 32000, "YEAR"],
    ["Salary  11.15 weekday hourly rate or 11.65 weekend hourly rate", 11.15, 11.15, "HOUR"],
    ["Car owner/driver essential, we pay 7.40 weekdays & 8.50 weekends", 7.4, 7.4, "HOUR"],
    ["Salary: up to 8 per hour The Role;", null, 8, "HOUR"],
    ["Salary: 7 to **** per hour (flexible Shifts, Full or Part Time)", 7, null, "HOUR"],
    ["We provide full training, and hourly pay at 7.50 Monday Friday, 9.00 weekends", 7.5, 7.5, "HOUR"],
    ["44 hours per week which is a salary of 32,032 Nurses", 32032, 32032, "YEAR"],
  ])("finds the salary in %j", (text, min, max, period) => {
    expect(findSalaryInText(text)).toMatchObject({ min, max, period });
  });

  it.each<[string, number | null, number | null, SalaryPeriod]>([
    ["Salary: £25,000", 25000, 25000, "YEAR"],
    ["£9 per hour", 9, 9, "HOUR"],
    ["The client is paying £300 per day inside IR35.", 300, 300, "DAY"],
    ["Salary £25,000 - £30,000 per annum + car allowance", 25000, 30000, "YEAR"],
    ["Salary between £20,000 and £25,000 plus benefits", 20000, 25000, "YEAR"],
    ["Day rate of 450 for the right candidate", 450, 450, "DAY"],
    ["Monthly salary: £2,100", 2100, 2100, "MONTH"],
  ])("finds the salary in %j", (text, min, max, period) => {
    expect(findSalaryInText(text)).toMatchObject({ min, max, period });
  });

  it("annualises an hourly rate with the hours stated elsewhere in the text", () => {
    expect(findSalaryInText("Full time, 37.5 hours per week. Salary: £10.00 per hour.")).toMatchObject({ annualMin: 18000 });
  });

  it.each([
    // Verbatim from the sample.
    "Working hours: 37.5 per week You will need to be a qualified RGN registered with the NMC.",
    "Available to start July 2012, full time.",
    "The hotel has over 200 bedrooms and can cater for C B of up to **** covers.",
    "competitive salary of ****k up to ****k for exceptional candidates plus up to 20% management bonuses",
    "Salary ****K****K plus 26 days hols, pension",
    "A Car Allowance of  5k p.a Health Club Membership",
    "[Commission paid at 2****% of GP Target  200k]",
    "Basic Salary  20 2****k p.a. 1 st Year OTE",
    "You will be contracted to 30 hours per week",
    "The hospital wards are functioning 7 days per week 24 hours per day",
    "Book shifts up to 6 months in advance",
    "5.6 weeks per annum (pro rata of the hours you work) of paid leave",
    "Minimum of 3 years Account Management experience",
    "Salary **** per hour (**** per annum) Hours: Full time (37.5 hour per week)",
    "Send through your CV in confidence to  or call 02890558021 Minimim E",
    // Written for the cases the sample lacks ("£" was stripped from it).
    "The company has a £2m turnover and 40 staff.",
    "Managing a turnover of £500k across the region.",
    "Plus a £500 joining bonus after probation.",
    "Salary: £****k plus car",
    "Salary: Band 6, 37.5 hours",
    "Holiday pay 28 days, sick pay 6 months",
    "Shifts run 8am  4.30 pm Mon to Thursday",
    "Salary review in 2013",
    "",
    null,
  ])("finds nothing in %j", (text) => {
    expect(findSalaryInText(text)).toBeNull();
  });
});

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe("against the Adzuna sample", () => {
  function load() {
    if (!existsSync(SAMPLE)) throw new Error(`Adzuna sample not found at ${SAMPLE}: the calibration test needs it (run vitest from /work/main).`);
    const [header, ...rows] = parseCsv(readFileSync(SAMPLE, "utf8").replace(/^\uFEFF/, ""));
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`column ${name} missing from ${SAMPLE}`);
      return i;
    };
    const [raw, normalized, description] = [col("SalaryRaw"), col("SalaryNormalized"), col("FullDescription")];
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    return rows.map((r) => ({ raw: r[raw], normalized: Number(r[normalized]), description: r[description] }));
  }

  it("agrees with SalaryNormalized within 5% on at least 99% of SalaryRaw values", () => {
    const rows = load();
    const withRaw = rows.filter((r) => r.raw.trim());
    let parsed = 0;
    let agree = 0;
    for (const r of withRaw) {
      const s = parseSalary(r.raw);
      if (!s) continue;
      parsed++;
      if (Math.abs(salaryMidpoint(s)! - r.normalized) <= 0.05 * r.normalized) agree++;
    }
    // Measured: 2,499 non-empty, 2,498 parsed, 2,482 within 5% (99.3%).
    expect(withRaw.length).toBe(2499);
    expect(parsed).toBeGreaterThanOrEqual(2495);
    expect(agree / withRaw.length).toBeGreaterThanOrEqual(0.99);
  });

  it("every real SalaryRaw in the table above is in the sample, verbatim", () => {
    const raws = new Set(load().map((r) => r.raw));
    expect(REAL_RAWS.map(([raw]) => raw).filter((raw) => !raws.has(raw))).toEqual([]);
  });

  it("finds salaries in descriptions without wild false positives", () => {
    const hits = load().flatMap((r) => {
      const s = findSalaryInText(r.description);
      return s ? [{ mid: salaryMidpoint(s)!, normalized: r.normalized }] : [];
    });
    // Measured: 35 descriptions with an unmasked salary; all within a factor of 2 of Adzuna's figure
    // (the misses are a weekend or bank-holiday rate quoted beside the base rate).
    expect(hits.length).toBeGreaterThanOrEqual(30);
    expect(hits.filter((h) => h.mid < h.normalized / 2 || h.mid > h.normalized * 2)).toEqual([]);
  });
});
