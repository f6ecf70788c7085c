import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pathId } from "@/lib/path-id";
import { CandidateForm } from "@/components/candidates/candidate-form";
import { requirePageUser } from "@/lib/auth/session";
import { getCandidateForEdit } from "@/lib/candidates/service";

export const metadata: Metadata = { title: "Edit candidate" };

export default async function EditCandidatePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("candidates:write");
  const c = await getCandidateForEdit(await pathId(params));
  if (!c) notFound();
  const s = (v: string | null) => v ?? "";
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Edit {c.name}</h1>
      <CandidateForm
        id={c.id}
        version={c.version}
        initial={{
          name: c.name,
          email: s(c.email),
          phone: s(c.phone),
          location: s(c.location),
          currentTitle: s(c.currentTitle),
          source: s(c.source),
          cvText: s(c.cvText),
          cvFileName: s(c.cvFileName),
          desiredSalary: c.desiredSalary ? `£${c.desiredSalary.toLocaleString("en-GB")}` : "",
          skills: s(c.skills),
          willingToRelocate: c.willingToRelocate,
        }}
      />
    </div>
  );
}
