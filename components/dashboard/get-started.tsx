// What an empty dashboard says: the next steps, each a link the signed-in role may follow.
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can, type Role } from "@/lib/auth/permissions";
import { count } from "@/lib/format";

const link = "font-medium text-primary underline underline-offset-4";

export function GetStarted({ role, ads }: { role: Role; ads: { total: number; starter: number } | 0 }) {
  const total = ads === 0 ? 0 : ads.total;
  const onlyStarter = ads !== 0 && ads.total === ads.starter;
  return (
    <Card role="region" aria-labelledby="get-started-title">
      <CardHeader>
        <CardTitle id="get-started-title">Get started</CardTitle>
        <CardDescription>No applications yet. Three steps fill this page with your pipeline.</CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-4 text-sm sm:grid-cols-3">
          <li className="grid content-start gap-1 rounded-lg border p-4">
            <span className="font-semibold">1. Bring in your job ads</span>
            <span className="text-muted-foreground">
              {total === 0 ? "There are no ads yet." : onlyStarter ? `Only the ${count(total)} starter ads so far.` : `${count(total)} ads so far.`}{" "}
              {can(role, "imports:create") ? (
                <>
                  Import Adzuna CSV files, text ads or a .zip of them under{" "}
                  <Link className={link} href="/imports">
                    Imports
                  </Link>
                  .
                </>
              ) : (
                "An admin imports them."
              )}
            </span>
          </li>
          <li className="grid content-start gap-1 rounded-lg border p-4">
            <span className="font-semibold">2. Add your candidates</span>
            <span className="text-muted-foreground">
              {can(role, "candidates:write") ? (
                <>
                  One at a time with their CV under{" "}
                  <Link className={link} href="/candidates/new">
                    New candidate
                  </Link>
                  .
                </>
              ) : (
                "A recruiter adds them."
              )}
            </span>
          </li>
          <li className="grid content-start gap-1 rounded-lg border p-4">
            <span className="font-semibold">3. Put them forward</span>
            <span className="text-muted-foreground">
              Open an ad from{" "}
              <Link className={link} href="/ads">
                Ads
              </Link>{" "}
              and add a candidate to it; move them through the stages on its pipeline board.
            </span>
          </li>
        </ol>
      </CardContent>
    </Card>
  );
}
