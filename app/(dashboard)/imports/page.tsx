import type { Metadata } from "next";
import { ImportHistory } from "@/components/imports/import-history";
import { ImportUploader } from "@/components/imports/import-uploader";
import { requirePageUser } from "@/lib/auth/session";
import { listImports } from "@/lib/import/imports";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  await requirePageUser("imports:create");
  const imports = await listImports();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Imports</h1>
        <p className="text-sm text-muted-foreground">
          Bring in Adzuna job ads, or candidates from a CSV (Name, Email, Phone, Location, Current title, Desired salary, Skills, Source, CV): the header says which. Importing the
          same file again changes nothing; changed rows update their ads, and candidates merge by email.
        </p>
      </div>
      <ImportUploader />
      <section aria-labelledby="history" className="grid gap-3">
        <h2 id="history" className="text-lg font-semibold">
          History
        </h2>
        <ImportHistory imports={imports} />
      </section>
    </div>
  );
}
