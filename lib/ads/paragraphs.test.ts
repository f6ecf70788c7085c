import { describe, expect, it } from "vitest";
import { readableParagraphs } from "./paragraphs";

const words = (paragraphs: string[][]) => paragraphs.flat().join(" ").split(/\s+/);

describe("readableParagraphs", () => {
  it("keeps the paragraphs and lines a description already has", () => {
    expect(readableParagraphs("Line one\nLine two\n\nSecond paragraph.")).toEqual([["Line one", "Line two"], ["Second paragraph."]]);
  });

  it("breaks one long block after a few sentences, never inside one, and loses no word", () => {
    const sentence = "We are looking for an experienced Staff Nurse to join a friendly team in Leeds.";
    const block = Array.from({ length: 20 }, () => sentence).join(" ");
    const out = readableParagraphs(block);
    expect(out.length).toBeGreaterThan(3);
    for (const [p] of out) {
      expect(p.length).toBeLessThanOrEqual(420 + sentence.length);
      expect(p.endsWith(".")).toBe(true);
    }
    expect(words(out)).toEqual(block.split(/\s+/));
  });

  it("starts a new paragraph at a section heading", () => {
    const intro = "Our client is a leading engineering consultancy based in Glasgow. ".repeat(6).trim();
    const text = `${intro} Key Responsibilities: design stress analyses for aircraft structures. Requirements: a degree in engineering.`;
    const out = readableParagraphs(text);
    expect(out.map(([p]) => p.slice(0, 20))).toEqual([intro.slice(0, 20), "Key Responsibilities", "Requirements: a degr"]);
  });

  it("gives nothing for an empty description", () => {
    expect(readableParagraphs("  \n\n ")).toEqual([]);
  });
});
