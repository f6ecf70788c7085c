import type { Metadata } from "next";
import { StagesEditor } from "@/components/pipeline/stages-editor";
import { requirePageUser } from "@/lib/auth/session";
import { listStages } from "@/lib/pipeline/applications";

export const metadata: Metadata = { title: "Pipeline stages" };

export default async function StagesPage() {
  await requirePageUser("stages:manage");
  const stages = await listStages();
  return (
    <div className="grid max-w-2xl gap-4">
      <h1 className="text-2xl font-semibold">Pipeline stages</h1>
      <p className="text-sm text-muted-foreground">
        Rename the open stages and put them in the order your team works. Hired, Rejected and Withdrawn close an application and stay last.
      </p>
      <StagesEditor stages={stages} />
    </div>
  );
}
