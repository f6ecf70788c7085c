import type { Metadata } from "next";
import Link from "next/link";
import { ApplicationsChart } from "@/components/dashboard/applications-chart";
import { FunnelChart } from "@/components/dashboard/funnel-chart";
import { FunnelScopePicker } from "@/components/dashboard/funnel-scope-picker";
import { HeadlineCards } from "@/components/dashboard/headline-cards";
import { StuckDaysForm } from "@/components/dashboard/stuck-days-form";
import { StuckList } from "@/components/dashboard/stuck-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { GetStarted } from "@/components/dashboard/get-started";
import { loadDashboard, loadOpenRoles } from "@/lib/dashboard/load";
import { funnelScopeValue, STUCK_DAYS_DEFAULT } from "@/lib/dashboard/params";

export const metadata: Metadata = { title: "Dashboard" };

const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });
// Links inside a sentence are underlined, not told apart by colour alone (WCAG 1.4.1).
const link = "text-primary underline underline-offset-4";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("ads:read");
  const params = await searchParams;
  const now = new Date();

  const welcome = (
    <div>
      <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
      <p className="text-sm text-muted-foreground">
        Your pipeline at a glance. Browse the{" "}
        <Link className={link} href="/ads">
          ads
        </Link>{" "}
        to find roles and add candidates to them.
      </p>
    </div>
  );

  // The pipeline shows candidates' names: only for roles that may read candidates.
  if (!can(user.role, "candidates:read")) {
    const openRoles = await loadOpenRoles();
    return (
      <div className="grid gap-6">
        {welcome}
        <HeadlineCards headline={{ openRoles, activeApplications: 0, hiresThisMonth: 0, medianDaysToHire: null, hiresInWindow: 0 }} monthName={monthName.format(now)} />
        {openRoles === 0 && <GetStarted role={user.role} ads={0} />}
      </div>
    );
  }

  const { scope, chosen, stuckDays, headline, scopes, weeks, stuck, funnel, empty, ads } = await loadDashboard(params, now);
  const scopeValue = funnelScopeValue(scope);
  const scopeLabel = scope.kind === "all" || !chosen ? "all applications" : `${scope.kind === "ad" ? "role" : scope.kind} “${chosen.label}”`;
  const weeksTotal = weeks.reduce((sum, w) => sum + w.count, 0);

  return (
    <div className="grid gap-6">
      {welcome}
      <HeadlineCards headline={headline} monthName={monthName.format(now)} />

      {empty ? (
        <GetStarted role={user.role} ads={ads ?? { total: 0, starter: 0 }} />
      ) : (
        <>
          <div className="grid gap-6 xl:grid-cols-2">
            <Card aria-labelledby="funnel-title" role="region">
              <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
                <div className="grid gap-1.5">
                  <CardTitle id="funnel-title">Pipeline funnel</CardTitle>
                  <CardDescription>Applications that reached each stage or a later one.</CardDescription>
                </div>
                <FunnelScopePicker
                  value={scopeValue}
                  roles={scopes.roles}
                  categories={scopes.categories}
                  sources={scopes.sources}
                  stuck={stuckDays === STUCK_DAYS_DEFAULT ? null : stuckDays}
                />
              </CardHeader>
              <CardContent>
                {funnel.length && funnel[0].reached > 0 ? (
                  <FunnelChart steps={funnel} scopeLabel={scopeLabel} />
                ) : (
                  <p className="text-sm text-muted-foreground">No applications for the {scopeLabel} yet.</p>
                )}
              </CardContent>
            </Card>

            <Card aria-labelledby="weekly-title" role="region">
              <CardHeader>
                <CardTitle id="weekly-title">Applications per week</CardTitle>
                <CardDescription>New applications in each of the last 12 weeks (Monday to Sunday).</CardDescription>
              </CardHeader>
              <CardContent>
                {weeksTotal > 0 ? <ApplicationsChart weeks={weeks} /> : <p className="text-sm text-muted-foreground">No applications in the last 12 weeks.</p>}
              </CardContent>
            </Card>
          </div>

          <Card aria-labelledby="stuck-title" role="region">
            <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
              <div className="grid gap-1.5">
                <CardTitle id="stuck-title">Stuck applications</CardTitle>
                <CardDescription>Open applications that have not moved for a while, longest waiting first.</CardDescription>
              </div>
              <StuckDaysForm days={stuck.days} funnel={scopeValue} />
            </CardHeader>
            <CardContent>
              <StuckList rows={stuck.rows} total={stuck.total} days={stuck.days} />
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
