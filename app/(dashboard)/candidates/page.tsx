import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Candidates" };

export default async function CandidatesPage() {
  await requirePageUser("candidates:read");
  return (
    <div className="grid gap-2">
      <h1 className="text-2xl font-semibold">Candidates</h1>
      <p className="text-muted-foreground">No candidates yet.</p>
    </div>
  );
}
