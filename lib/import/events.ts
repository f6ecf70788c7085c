// The read-and-normalise half of the pipeline as one stream of events for all files. It runs
// in-process (tests, previews) or in a worker thread (parallel-events.ts) so that parsing and
// normalising use the second core while the main thread writes to the database.
import { TextLocationFinder } from "@/lib/locations/find-in-text";
import { LocationResolver } from "@/lib/locations/resolve";
import { normaliseAd } from "./normalise";
import { readImportFile, type ImportFile, type SourceEvent } from "./sources";
import type { ImportProblem, MergePolicy, NormalisedAd } from "./types";
import type { LocationRow } from "./writer";

export type AdEvent = { type: "ad"; ad: NormalisedAd; policy: MergePolicy; file: string; line: number; problems: ImportProblem[]; unresolved: boolean };
export type PipelineEvent = (Exclude<SourceEvent, { type: "ad" }> | AdEvent | { type: "fileEnd" }) & { fileIndex: number };

export async function* localEvents(files: ImportFile[], locations: LocationRow[]): AsyncGenerator<PipelineEvent> {
  const resolver = new LocationResolver(locations);
  // Built on the first ad that needs it: most CSV files never do.
  let finder: TextLocationFinder | null = null;
  const finderFor = () => (finder ??= new TextLocationFinder(locations));
  for (const [fileIndex, file] of files.entries()) {
    for await (const ev of readImportFile(file)) {
      if (ev.type === "ad") {
        const n = normaliseAd(ev.ad, resolver, finderFor());
        yield { type: "ad", ad: n.ad, policy: ev.policy, file: ev.ad.file, line: ev.ad.line, problems: n.problems, unresolved: n.unresolvedLocation, fileIndex };
      } else yield { ...ev, fileIndex };
    }
    yield { type: "fileEnd", fileIndex };
  }
}
