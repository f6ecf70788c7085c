// Removes import drafts nobody started within DRAFT_TTL_HOURS (with their files), the uploaded
// files of imports that finished longer ago than that, and upload folders of no import:
//   npm run uploads:sweep
// The job runners queue this once an hour (one run for all servers), as a job (lib/jobs); it also
// deletes finished job records older than two weeks.
import { sweepUploads } from "@/lib/import/uploads";
import { getDb } from "@/lib/db/client";
import { stopWithRunner } from "@/lib/jobs/child";
import { pruneJobs } from "@/lib/jobs/queue";

stopWithRunner();
const result = await sweepUploads();
const pruned = await pruneJobs(getDb());
console.log(
  `uploads swept: ${result.drafts} abandoned draft(s), files of ${result.finishedFolders} finished import(s), ${result.orphanFolders} stray folder(s); ${pruned} old job record(s) removed`,
);
await getDb().$disconnect();
