import type { Metadata } from "next";
import { SalaryModelPanel } from "@/components/salary/salary-model-panel";
import { Fact, SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/session";
import { bytes, categoryLabel, count, dateTime } from "@/lib/format";
import { longPounds } from "@/lib/salary-estimates/format";
import { salaryModelOverview } from "@/lib/salary-estimates/overview";

export const metadata: Metadata = { title: "Salary model" };

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export default async function SalaryModelPage() {
  await requirePageUser("salary:train");
  const o = await salaryModelOverview();
  const m = o.adopted?.measures ?? null;
  return (
    <div className="grid max-w-5xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold">Salary model</h1>
        <p className="max-w-prose text-sm text-muted-foreground">
          A model trained on the ads with a real salary (from the file, the salary text, the description or an admin — never on estimates) estimates the salary of every ad without
          one, with an 80% range. It retrains on its own after imports that change enough ads, in the background.
        </p>
      </div>
      <SalaryModelPanel initialRun={o.run} hasModel={!!o.adopted} />
      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard title="Adopted model">
          {o.adopted ? (
            <dl>
              <Fact label="Trained">{o.adopted.trainedAt ? dateTime.format(o.adopted.trainedAt) : null}</Fact>
              <Fact label="Ads used">{count(o.adopted.adsUsed)} with a real salary</Fact>
              <Fact label="Ads estimated">
                {count(o.counts.estimated)} of {count(o.counts.withoutSalary)} without a salary
              </Fact>
              <Fact label="Model size">{bytes(o.adopted.byteSize)}</Fact>
              {m && <Fact label="Places from text">{count(m.textLocationsFound)} found in the last run</Fact>}
            </dl>
          ) : (
            <p className="text-sm text-muted-foreground">
              No model yet.{" "}
              {o.counts.realSalary < 30 ? `It needs at least 30 ads with a real salary (there are ${count(o.counts.realSalary)}).` : "Train one with the button above."}
            </p>
          )}
        </SectionCard>
        {m && (
          <SectionCard title="Measured accuracy">
            <dl>
              <Fact label="Method">
                {m.folds}-fold cross-validation on {count(m.cvAds)} ads, folds grouped by near-duplicate ({count(m.groups)} groups)
              </Fact>
              <Fact label="Mean error">
                {longPounds(m.mae)} (baseline {longPounds(m.baselineMae)}; {(m.mae / m.baselineMae).toFixed(2)}×)
              </Fact>
              <Fact label="Median error">
                {longPounds(m.medianError)} (baseline {longPounds(m.baselineMedianError)})
              </Fact>
              <Fact label="80% range covers">{pct(m.coverage)} of held-out ads</Fact>
            </dl>
            <p className="mt-2 text-xs text-muted-foreground">
              Baseline: the median salary of the training ads with the same category and region (category alone when fewer than 3).
            </p>
          </SectionCard>
        )}
      </div>
      {m && m.byCategory.length > 0 && (
        <SectionCard title="Error by category">
          <Table>
            <TableCaption>Cross-validated errors per category (categories with at least 10 ads).</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Category</TableHead>
                <TableHead scope="col" numeric>
                  Ads
                </TableHead>
                <TableHead scope="col" numeric>
                  Mean error
                </TableHead>
                <TableHead scope="col" numeric>
                  Baseline
                </TableHead>
                <TableHead scope="col" numeric>
                  80% range covers
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {m.byCategory.map((c) => (
                <TableRow key={c.category}>
                  <TableCell>{categoryLabel(c.category) ?? c.category}</TableCell>
                  <TableCell numeric>{count(c.ads)}</TableCell>
                  <TableCell numeric>{longPounds(c.mae)}</TableCell>
                  <TableCell numeric>{longPounds(c.baselineMae)}</TableCell>
                  <TableCell numeric>{pct(c.coverage)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </SectionCard>
      )}
      {o.history.length > 1 && (
        <SectionCard title="Earlier models">
          <Table>
            <TableCaption>The last five trained models; the adopted one makes the estimates.</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Trained</TableHead>
                <TableHead scope="col" numeric>
                  Ads used
                </TableHead>
                <TableHead scope="col" numeric>
                  Mean error
                </TableHead>
                <TableHead scope="col" numeric>
                  Baseline
                </TableHead>
                <TableHead scope="col">Adopted</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {o.history.map((h) => (
                <TableRow key={h.id}>
                  <TableCell>{h.trainedAt ? dateTime.format(h.trainedAt) : "—"}</TableCell>
                  <TableCell numeric>{count(h.adsUsed)}</TableCell>
                  <TableCell numeric>{h.mae === null ? "—" : longPounds(h.mae)}</TableCell>
                  <TableCell numeric>{h.baselineMae === null ? "—" : longPounds(h.baselineMae)}</TableCell>
                  <TableCell>{h.adopted ? "Yes" : "No"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </SectionCard>
      )}
    </div>
  );
}
