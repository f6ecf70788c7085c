// Bytes → text for imported files. Adzuna's data mixes encodings (the '£' sign appears both as
// UTF-8 and as a single Windows-1252 byte), so each piece is decoded as UTF-8 when it is valid
// UTF-8 and as Windows-1252 otherwise: nothing is silently dropped or turned into U+FFFD.

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
// Node 20's TextDecoder("windows-1252") decodes as Latin-1 (0x80–0x9F become control characters),
// so the 32 bytes where the two differ are mapped here; the rest of Windows-1252 is Latin-1.
// Bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their Latin-1 code point.
const CP1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

export type Decoded = { text: string; encoding: "utf-8" | "windows-1252" };

export function decodeBytes(bytes: Uint8Array): Decoded {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = start ? bytes.subarray(start) : bytes;
  try {
    return { text: utf8.decode(body), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(body), encoding: "windows-1252" };
  }
}

/** True when the bytes look like a binary file rather than text (NUL bytes or many control characters). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** True when the bytes start with a UTF-16 byte order mark (little- or big-endian). */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}
