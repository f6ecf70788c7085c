import { describe, expect, it } from "vitest";
import { LocationResolver } from "@/lib/locations/resolve";
import { candidateFromCv, kindOfHeader, nameFromFileName, parseDesiredSalary, readCandidateHeader, rowToCandidate } from "./candidate-csv";

const nodes = [
  { id: 1, name: "UK", path: "UK", depth: 0, parentId: null },
  { id: 2, name: "Yorkshire And The Humber", path: "UK~Yorkshire And The Humber", depth: 1, parentId: 1 },
  { id: 3, name: "West Yorkshire", path: "UK~Yorkshire And The Humber~West Yorkshire", depth: 2, parentId: 2 },
  { id: 4, name: "Leeds", path: "UK~Yorkshire And The Humber~West Yorkshire~Leeds", depth: 3, parentId: 3 },
];
const places = { resolver: new LocationResolver(nodes), regionOf: (id: number) => (id === 1 ? null : 2) };

describe("candidate CSV columns", () => {
  it("finds columns by header name and common synonyms, in any order, and lists unknown ones", () => {
    const h = readCandidateHeader(["E-mail", "Full Name", "Mobile", "Town", "Job Title", "Expected salary", "Key skills", "Source", "CV", "Relocate", "Shoe size"]);
    expect(h.ok && h.columns).toEqual({ Email: 0, Name: 1, Phone: 2, Location: 3, CurrentTitle: 4, DesiredSalary: 5, Skills: 6, Source: 7, CvText: 8, WillingToRelocate: 9 });
    expect(h.ok && h.unknown).toEqual(["Shoe size"]);
  });

  it("refuses a header without a name column, naming what it found", () => {
    const h = readCandidateHeader(["Email", "Phone"]);
    expect(h.ok).toBe(false);
    expect(!h.ok && h.message).toContain("Name");
  });

  it("tells candidates from Adzuna ads by the header", () => {
    expect(kindOfHeader(["Id", "Title", "FullDescription", "LocationRaw"])).toBe("ads");
    expect(kindOfHeader(["Name", "Email", "CV"])).toBe("candidates");
    expect(kindOfHeader(["Name", "Notes"])).toBeNull();
  });

  it("parses desired salaries like ad salaries, as an annual figure", () => {
    expect(parseDesiredSalary("£28,000")).toBe(28000);
    expect(parseDesiredSalary("30-35k")).toBe(32500);
    expect(parseDesiredSalary("32000")).toBe(32000);
    expect(parseDesiredSalary("£15 per hour")).toBe(15 * 40 * 48);
    expect(parseDesiredSalary("negotiable")).toBeNull();
  });

  it("turns a row into a candidate with keys, place and region, or problems naming the line and field", () => {
    const h = readCandidateHeader(["Name", "Email", "Phone", "Location", "Relocate"]);
    if (!h.ok) throw new Error("header");
    const ok = rowToCandidate(["Asha Patel", "Asha@Example.com ", "+44 7700 900123", "Leeds", "Yes"], h, "c.csv", 2, places);
    expect(ok.candidate).toMatchObject({ emailKey: "asha@example.com", phoneKey: "07700900123", locationId: 4, regionId: 2, willingToRelocate: true });
    const bad = rowToCandidate(["", "nope", "", "", ""], h, "c.csv", 3, places);
    expect(bad.candidate).toBeNull();
    expect(bad.problems.map((p) => [p.line, p.field, p.severity])).toEqual([
      [3, "Name", "error"],
      [3, "Email", "error"],
    ]);
    const same = rowToCandidate(["Asha Patel", "Asha@Example.com ", "+44 7700 900123", "Leeds", "Yes"], h, "c.csv", 9, places);
    expect(same.candidate!.sourceHash).toBe(ok.candidate!.sourceHash);
  });
});

describe("a candidate from a CV's text", () => {
  it("finds the name in the first lines, the email and phone anywhere", () => {
    const { candidate, problems } = candidateFromCv("Curriculum Vitae\nJane O'Neil\n07700 900123 · jane.oneil@example.com\nStaff nurse since 2015.", "cv.pdf", "cvs.zip: cv.pdf");
    expect(candidate).toMatchObject({ name: "Jane O'Neil", emailKey: "jane.oneil@example.com", phoneKey: "07700900123", cvFileName: "cv.pdf" });
    expect(problems).toEqual([]);
  });

  it("falls back to the file's name, and says so", () => {
    expect(nameFromFileName("cvs/jane-smith_CV.docx")).toBe("Jane Smith");
    expect(nameFromFileName("cv.pdf")).toBeNull();
    const { candidate, problems } = candidateFromCv("experienced forklift driver, counterbalance licence", "raj-patel.txt", "raj-patel.txt");
    expect(candidate?.name).toBe("Raj Patel");
    expect(problems.map((p) => [p.field, p.severity])).toEqual([
      ["Name", "warning"],
      ["Email", "warning"],
    ]);
    expect(candidateFromCv("no name here at all", "cv.pdf", "cv.pdf").candidate).toBeNull();
  });
});
