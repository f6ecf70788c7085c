import { describe, expect, it } from "vitest";
import { boardOrder, DEFAULT_STAGES, formatDuration, median, moveProblem, timeInStages, type StageLike } from "./stages";

const stages: StageLike[] = DEFAULT_STAGES.map((s, i) => ({ ...s, id: i + 1 }));
const by = (key: string) => stages.find((s) => s.key === key)!;
const t = (iso: string) => new Date(iso);

describe("moveProblem", () => {
  it("allows forward, backward and closing moves", () => {
    expect(moveProblem(by("applied"), by("screening"))).toBeNull();
    expect(moveProblem(by("interview"), by("applied"))).toBeNull();
    expect(moveProblem(by("offer"), by("hired"))).toBeNull();
    expect(moveProblem(by("screening"), by("withdrawn"))).toBeNull();
    expect(moveProblem(by("rejected"), by("interview"))).toBeNull(); // reopened
  });
  it("refuses a move to the same stage", () => {
    expect(moveProblem(by("offer"), by("offer"))).toBe("The application is already in Offer.");
  });
  it("needs a listed reason to reject, and words for Other", () => {
    expect(moveProblem(by("applied"), by("rejected"))).toBe("Choose a reason for the rejection.");
    expect(moveProblem(by("applied"), by("rejected"), { reason: "Because" })).toBe("Choose a reason for the rejection.");
    expect(moveProblem(by("applied"), by("rejected"), { reason: "Salary expectations" })).toBeNull();
    expect(moveProblem(by("applied"), by("rejected"), { reason: "Other", note: "  " })).toBe("Say why the candidate was rejected.");
    expect(moveProblem(by("applied"), by("rejected"), { reason: "Other", note: "Moved abroad" })).toBeNull();
  });
});

describe("boardOrder", () => {
  it("puts open stages first in their order, closing stages after", () => {
    const shuffled = [by("hired"), by("offer"), by("withdrawn"), by("applied"), { ...by("interview"), position: 0 }, by("rejected"), by("screening")];
    expect(boardOrder(shuffled).map((s) => s.key)).toEqual(["interview", "applied", "screening", "offer", "hired", "rejected", "withdrawn"]);
  });
});

describe("timeInStages", () => {
  it("adds up each stage's time, the current one until now", () => {
    const history = [
      { toStageId: 1, createdAt: t("2026-01-01T09:00:00Z") },
      { toStageId: 2, createdAt: t("2026-01-03T09:00:00Z") },
      { toStageId: 1, createdAt: t("2026-01-04T09:00:00Z") },
      { toStageId: 3, createdAt: t("2026-01-04T21:00:00Z") },
    ];
    const times = timeInStages([...history].reverse(), t("2026-01-10T21:00:00Z"));
    expect(times.get(1)).toBe(2 * 86_400_000 + 12 * 3_600_000);
    expect(times.get(2)).toBe(86_400_000);
    expect(times.get(3)).toBe(6 * 86_400_000);
  });
  it("is empty without history and never negative", () => {
    expect(timeInStages([], new Date()).size).toBe(0);
    expect(timeInStages([{ toStageId: 1, createdAt: t("2026-02-01T00:00:00Z") }], t("2026-01-01T00:00:00Z")).get(1)).toBe(0);
  });
});

describe("formatDuration and median", () => {
  it("formats durations for cards", () => {
    expect(formatDuration(30_000)).toBe("just now");
    expect(formatDuration(12 * 60_000)).toBe("12 min");
    expect(formatDuration(5 * 3_600_000 + 1)).toBe("5 h");
    expect(formatDuration(3 * 86_400_000 + 5)).toBe("3 d");
  });
  it("takes medians of odd and even lists", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
