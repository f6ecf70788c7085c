import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, csvRow } from "./write";

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("x\ny")).toBe('"x\ny"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+44 20 7946 0000")).toBe("'+44 20 7946 0000");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("safe = text")).toBe("safe = text");
  });

  it("builds CRLF rows", () => {
    expect(csvRow(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });
});

describe("csvResponse", () => {
  it("streams a BOM, the header and every page", async () => {
    async function* pages() {
      yield [["1", "x"]];
      yield [["2", "=y"]];
    }
    const res = csvResponse("report.csv", ["id", "v"], pages());
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="report.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // so Excel reads UTF-8
    expect(bytes.subarray(3).toString("utf8")).toBe("id,v\r\n1,x\r\n2,'=y\r\n");
  });
});
