// Builds zip files for tests with yazl. yazl refuses unsafe entry names ("../evil.txt",
// "/abs.txt"), as a careful zipper should; an attacker's zipper does not, so such names are
// written under a placeholder of the same length and patched in the finished bytes (the name is
// not covered by the CRC).
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import yazl from "yazl";

export type ZipEntrySpec = { name: string; data: string | Buffer; compress?: boolean; compressionLevel?: number };

export async function makeZip(file: string, entries: ZipEntrySpec[]): Promise<string> {
  const zip = new yazl.ZipFile();
  const patches: [Buffer, Buffer][] = [];
  entries.forEach((e, i) => {
    let name = e.name;
    const unsafe = /^[\\/]|^[A-Za-z]:|(^|[\\/])\.\.([\\/]|$)/.test(name);
    if (unsafe) {
      const placeholder = `~${i}`.padEnd(name.length, "~").slice(0, name.length);
      if (placeholder.length < `~${i}`.length) throw new Error(`name too short to patch: ${name}`);
      patches.push([Buffer.from(placeholder), Buffer.from(name)]);
      name = placeholder;
    }
    const data = typeof e.data === "string" ? Buffer.from(e.data) : e.data;
    const opts = e.compressionLevel !== undefined ? { compressionLevel: e.compressionLevel } : { compress: e.compress ?? true };
    zip.addBuffer(data, name, opts);
  });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(file)).on("close", resolve).on("error", reject);
  });
  if (patches.length) {
    const bytes = readFileSync(file);
    for (const [from, to] of patches) {
      let at = bytes.indexOf(from);
      let n = 0;
      for (; at !== -1; at = bytes.indexOf(from, at + 1), n++) to.copy(bytes, at);
      if (n !== 2) throw new Error(`expected the name twice (local header, central directory), found ${n}`);
    }
    writeFileSync(file, bytes);
  }
  return file;
}
