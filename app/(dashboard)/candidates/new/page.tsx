import type { Metadata } from "next";
import { CandidateForm } from "@/components/candidates/candidate-form";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New candidate" };

export default async function NewCandidatePage() {
  await requirePageUser("candidates:write");
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">New candidate</h1>
      <CandidateForm />
    </div>
  );
}
