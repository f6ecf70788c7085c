import type { Metadata } from "next";
import Link from "next/link";
import { PlusIcon } from "lucide-react";
import { CandidatesTable } from "@/components/candidates/candidates-table";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { findCandidatesPage } from "@/lib/candidates/find-candidates";
import { loadCandidatesTableParams } from "@/lib/candidates/table-params";
import { tagOptions } from "@/lib/tags/service";

export const metadata: Metadata = { title: "Candidates" };

export default async function CandidatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("candidates:read");
  const params = loadCandidatesTableParams(await searchParams);
  const [page, tags] = await Promise.all([findCandidatesPage(params), tagOptions()]);
  return (
    <div className="grid gap-4">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Candidates</h1>
        {can(user.role, "candidates:write") && (
          <Button asChild>
            <Link href="/candidates/new">
              <PlusIcon aria-hidden /> New candidate
            </Link>
          </Button>
        )}
      </div>
      <CandidatesTable page={page} params={params} tags={tags} />
    </div>
  );
}
