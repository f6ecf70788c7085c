import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pathId } from "@/lib/path-id";
import { CandidateDataProtection, MergeCandidate } from "@/components/candidates/candidate-admin";
import { CandidateTags } from "@/components/candidates/candidate-tags";
import { AddApplication } from "@/components/pipeline/add-application";
import { StageBadge } from "@/components/pipeline/stage-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Fact, SectionCard } from "@/components/ui/section-card";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getCandidate } from "@/lib/candidates/service";
import { tagOptions } from "@/lib/tags/service";
import { dateTime } from "@/lib/format";
import { MatchSection } from "@/components/matching/match-section";
import { candidateMatchSection } from "@/lib/matching/section";

export const metadata: Metadata = { title: "Candidate" };

export default async function CandidatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("candidates:read");
  const c = await getCandidate(await pathId(params));
  if (!c) notFound();
  const allTags = await tagOptions();
  const erased = !!c.erasedAt;
  const matches = erased ? null : await candidateMatchSection(c.id, await searchParams);
  const write = can(user.role, "candidates:write") && !erased;
  const fact = (label: string, value: React.ReactNode) => <Fact label={label}>{value}</Fact>;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-start gap-3">
        <div className="mr-auto grid gap-1">
          <Link href="/candidates" className="text-sm text-primary underline-offset-4 hover:underline">
            ← All candidates
          </Link>
          <h1 className="text-2xl font-semibold">{c.name}</h1>
          {c.currentTitle && <p className="text-muted-foreground">{c.currentTitle}</p>}
        </div>
        {write && (
          <Button asChild size="sm">
            <Link href={`/candidates/${c.id}/edit`}>Edit candidate</Link>
          </Button>
        )}
      </div>
      {erased && (
        <Alert role="status">
          This candidate&apos;s personal data was erased on {dateTime.format(c.erasedAt!)}. Their applications remain, anonymous, for the pipeline statistics.
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <SectionCard title="Applications" contentClassName="grid gap-4">
            {c.applications.length ? (
              <ul className="grid gap-2" aria-label="Applications">
                {c.applications.map((a) => (
                  <li key={a.id} className="flex flex-wrap items-center gap-2 rounded-md border p-3 text-sm">
                    <Link href={`/applications/${a.id}`} className="mr-auto font-medium text-primary underline-offset-4 hover:underline">
                      {a.ad.title}
                      {a.ad.company ? ` — ${a.ad.company.name}` : ""}
                    </Link>
                    <StageBadge stage={a.stage} />
                    <span className="text-muted-foreground">applied {dateTime.format(a.createdAt)}</span>
                    <Link href={`/ads/${a.ad.id}/pipeline`} className="text-primary underline-offset-4 hover:underline">
                      Board
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">Not put forward for any role yet.</p>
            )}
            {can(user.role, "applications:write") && !erased && <AddApplication candidateId={c.id} />}
          </SectionCard>
          {matches && (
            <MatchSection title="Matching roles" side="ads" ownId={c.id} basePath={`/candidates/${c.id}`} data={matches} canPutForward={can(user.role, "applications:write")} />
          )}
          <SectionCard title="CV">
            {c.cvText ? (
              <div className="max-h-[32rem] overflow-y-auto whitespace-pre-wrap break-words text-sm leading-relaxed">{c.cvText}</div>
            ) : (
              <p className="text-sm text-muted-foreground">No CV yet.</p>
            )}
          </SectionCard>
        </div>
        <div className="grid content-start gap-6">
          <SectionCard title="Details">
            <dl>
              {fact(
                "Email",
                c.email && (
                  <a className="text-primary underline-offset-4 hover:underline" href={`mailto:${c.email}`}>
                    {c.email}
                  </a>
                ),
              )}
              {fact("Phone", c.phone)}
              {fact("Location", c.locationLabel ?? c.location)}
              {fact("Desired salary", c.desiredSalary ? `£${c.desiredSalary.toLocaleString("en-GB")} a year` : null)}
              {fact("Skills", c.skills)}
              {fact("Willing to relocate", c.willingToRelocate ? "Yes" : null)}
              {fact("Source", c.source)}
              {fact("CV file", c.cvFileName)}
              {fact("Added", `${dateTime.format(c.createdAt)}${c.createdBy ? ` by ${c.createdBy.name}` : ""}`)}
              {fact("Last changed", dateTime.format(c.updatedAt))}
            </dl>
          </SectionCard>
          {!erased && (
            <SectionCard title="Tags">
              <CandidateTags id={c.id} tags={c.tags.map((t) => t.tag)} allTags={allTags} canTag={write} canCreate={can(user.role, "tags:manage")} />
            </SectionCard>
          )}
          {!erased && can(user.role, "candidates:merge") && (
            <SectionCard title="Merge a duplicate">
              <MergeCandidate id={c.id} name={c.name} />
            </SectionCard>
          )}
          {can(user.role, "candidates:export") && can(user.role, "candidates:erase") && (
            <SectionCard title="Data protection">
              <CandidateDataProtection id={c.id} name={c.name} />
            </SectionCard>
          )}
        </div>
      </div>
    </div>
  );
}
