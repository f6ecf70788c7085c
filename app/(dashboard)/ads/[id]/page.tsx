import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pathId } from "@/lib/path-id";
import { AdCopies } from "@/components/ads/ad-copies";
import { AdHistory } from "@/components/ads/ad-history";
import { AdTags } from "@/components/ads/ad-tags";
import { AddApplication } from "@/components/pipeline/add-application";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Fact, SectionCard } from "@/components/ui/section-card";
import { adCreation, getAd, getAdHistory, HISTORY_ON_AD_PAGE } from "@/lib/ads/ad";
import { adCopies } from "@/lib/ads/duplicates";
import { EstimateCard } from "@/components/salary/estimate-card";
import { EstimatedSalary } from "@/components/salary/estimated-salary";
import { contractLabel, LOCATION_SOURCE_LABELS, SALARY_SOURCE_LABELS, type LocationSource, type SalarySource } from "@/lib/ads/fields";
import { explainAdEstimate } from "@/lib/salary-estimates/explain";
import { readableParagraphs } from "@/lib/ads/paragraphs";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { tagOptions } from "@/lib/tags/service";
import { categoryLabel, dateTime, sourceLabel } from "@/lib/format";
import { formatSalary } from "@/lib/import/salary-format";
import { stageCounts } from "@/lib/pipeline/applications";
import { MatchSection } from "@/components/matching/match-section";
import { adMatchSection } from "@/lib/matching/section";

export const metadata: Metadata = { title: "Ad" };

export default async function AdPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("ads:read");
  const id = await pathId(params);
  const [ad, history, allTags, pipeline, copies] = await Promise.all([getAd(id), getAdHistory(id, { perPage: HISTORY_ON_AD_PAGE }), tagOptions(), stageCounts(id), adCopies(id)]);
  if (!ad) notFound();
  const matches = can(user.role, "candidates:read") ? await adMatchSection(ad.id, await searchParams) : null;
  const estimate = ad.salaryAnnual === null && ad.salaryEstimate !== null ? { salary: ad.salaryEstimate, low: ad.salaryEstimateLow!, high: ad.salaryEstimateHigh! } : null;
  const explanation = estimate && ad.salaryModelId ? await explainAdEstimate(ad.id, ad.salaryModelId) : null;
  const paragraphs = readableParagraphs(ad.description);
  const fact = (label: string, value: React.ReactNode) => <Fact label={label}>{value}</Fact>;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-start gap-3">
        <div className="mr-auto grid gap-1">
          <Link href="/ads" className="text-sm text-primary underline-offset-4 hover:underline">
            ← All ads
          </Link>
          <h1 className="text-2xl font-semibold">{ad.title}</h1>
          <p className="text-muted-foreground">
            {ad.company?.name ?? "Company not given"}
            {ad.locationLabel ? ` · ${ad.locationLabel}` : ad.locationRaw ? ` · ${ad.locationRaw}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-3 self-center">
          {ad.status === "OPEN" ? <Badge variant="success">Open</Badge> : <Badge variant="secondary">Closed</Badge>}
          {can(user.role, "ads:edit") && (
            <Button asChild size="sm">
              <Link href={`/ads/${ad.id}/edit`}>Edit ad</Link>
            </Button>
          )}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <SectionCard title="Description" contentClassName="grid max-w-prose gap-3 text-sm leading-relaxed">
            {paragraphs.map((lines, i) => (
              <p key={i}>
                {lines.map((line, j) => (
                  <span key={j}>
                    {j > 0 && <br />}
                    {line}
                  </span>
                ))}
              </p>
            ))}
          </SectionCard>
          {copies.length > 0 && (
            <SectionCard title={`Also advertised as (${copies.length})`} className="scroll-mt-4" contentClassName="grid gap-2" id="copies">
              <p className="text-sm text-muted-foreground">The same vacancy found in other ads: reposted, on another board or by another agency, or for another town.</p>
              <AdCopies adId={ad.id} copies={copies} canManage={can(user.role, "duplicates:manage")} />
            </SectionCard>
          )}
          {matches && (
            <MatchSection title="Best candidates" side="candidates" ownId={ad.id} basePath={`/ads/${ad.id}`} data={matches} canPutForward={can(user.role, "applications:write")} />
          )}
          <SectionCard title="History">
            <AdHistory history={history} created={adCreation(ad)} more={`/ads/${ad.id}/history`} />
          </SectionCard>
        </div>
        <div className="grid content-start gap-6">
          <SectionCard title="Applications" contentClassName="grid gap-3">
            {pipeline.some((p) => p.count > 0) ? (
              <dl className="grid gap-1 text-sm" aria-label="Applications by stage">
                {pipeline
                  .filter((p) => p.count > 0 || p.stage.kind === "OPEN")
                  .map((p) => (
                    <div key={p.stage.id} className="grid grid-cols-[1fr_auto] gap-2">
                      <dt>{p.stage.name}</dt>
                      <dd className="tabular-nums">{p.count}</dd>
                    </div>
                  ))}
              </dl>
            ) : (
              <p className="text-sm text-muted-foreground">No applications yet.</p>
            )}
            <Link className="text-sm font-medium text-primary underline-offset-4 hover:underline" href={`/ads/${ad.id}/pipeline`}>
              Open the pipeline board ({pipeline.reduce((s, p) => s + p.count, 0)})
            </Link>
            {can(user.role, "applications:write") && <AddApplication adId={ad.id} />}
          </SectionCard>
          {explanation && <EstimateCard explanation={explanation} />}
          <SectionCard title="Details">
            <dl>
              {fact("Category", categoryLabel(ad.category))}
              {fact("Contract", contractLabel(ad.contractType, ad.contractTime))}
              {fact("Salary", formatSalary(ad) ?? (estimate ? <EstimatedSalary estimate={estimate} /> : null))}
              {fact("Salary as written", ad.salaryRaw)}
              {fact(
                "Annual (normalised)",
                ad.salaryAnnual
                  ? `£${ad.salaryAnnual.toLocaleString("en-GB")}${ad.salarySource ? ` (${SALARY_SOURCE_LABELS[ad.salarySource as SalarySource] ?? ad.salarySource})` : ""}`
                  : null,
              )}
              {fact(
                "Location",
                ad.locationPath ? (
                  <ol className="flex flex-wrap gap-1" aria-label="Location in the UK tree">
                    {ad.locationPath.map((p, i) => (
                      <li key={i}>
                        {i > 0 && <span aria-hidden>› </span>}
                        {p}
                      </li>
                    ))}
                  </ol>
                ) : ad.locationRaw ? (
                  `${ad.locationRaw} (not in the UK tree)`
                ) : null,
              )}
              {ad.locationPath && ad.locationSource && fact("Location from", LOCATION_SOURCE_LABELS[ad.locationSource as LocationSource] ?? ad.locationSource)}
              {fact("Source", sourceLabel(ad.source))}
              {fact("Adzuna Id", ad.externalId)}
              {fact(
                "Imported",
                ad.import ? (
                  <Link className="text-primary underline-offset-4 hover:underline" href={`/imports/${ad.import.id}`}>
                    {dateTime.format(ad.import.createdAt)}
                  </Link>
                ) : (
                  dateTime.format(ad.createdAt)
                ),
              )}
              {fact("Last changed", dateTime.format(ad.updatedAt))}
              {fact("Version", ad.version)}
            </dl>
          </SectionCard>
          <SectionCard title="Tags">
            <AdTags
              adId={ad.id}
              tags={ad.tags.map((t) => ({ ...t.tag, by: t.createdBy?.name ?? null, at: t.createdAt }))}
              allTags={allTags}
              canTag={can(user.role, "ads:tag")}
              canCreate={can(user.role, "tags:manage")}
            />
          </SectionCard>
        </div>
      </div>
    </div>
  );
}
