// Removes import drafts nobody started within DRAFT_TTL_HOURS (with their files), the uploaded
// files of imports that finished longer ago than that, and upload folders of no import:
//   npm run uploads:sweep
// `npm start` runs this at start-up and every hour.
import { sweepUploads } from "@/lib/import/uploads";
import { getDb } from "@/lib/db/client";

const result = await sweepUploads();
console.log(`uploads swept: ${result.drafts} abandoned draft(s), files of ${result.finishedFolders} finished import(s), ${result.orphanFolders} stray folder(s)`);
await getDb().$disconnect();
