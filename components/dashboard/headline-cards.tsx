// The four numbers at the top of the home page.
import { BriefcaseIcon, HandshakeIcon, TimerIcon, UsersIcon, type LucideIcon } from "lucide-react";
import { Card, CardDescription, CardHeader } from "@/components/ui/card";
import { count } from "@/lib/format";
import { formatDuration } from "@/lib/pipeline/stages";

export type Headline = {
  openRoles: number;
  activeApplications: number;
  hiresThisMonth: number;
  medianDaysToHire: number | null;
  hiresInWindow: number;
};

function HeadlineCard({ icon: Icon, label, value, note }: { icon: LucideIcon; label: string; value: string | null; note: string }) {
  return (
    <Card role="group" aria-label={label}>
      <CardHeader>
        <CardDescription className="flex items-center gap-2">
          <Icon className="size-4" aria-hidden />
          {label}
        </CardDescription>
        <p className="text-3xl font-semibold leading-none tabular-nums" data-stat>
          {value ?? (
            <>
              <span aria-hidden>–</span>
              <span className="sr-only">None</span>
            </>
          )}
        </p>
        <p className="text-xs text-muted-foreground">{note}</p>
      </CardHeader>
    </Card>
  );
}

export function HeadlineCards({ headline, monthName }: { headline: Headline; monthName: string }) {
  const h = headline;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <HeadlineCard icon={BriefcaseIcon} label="Open roles" value={count(h.openRoles)} note="Ads with status Open" />
      <HeadlineCard icon={UsersIcon} label="Active applications" value={count(h.activeApplications)} note="In an open stage of the pipeline" />
      <HeadlineCard icon={HandshakeIcon} label="Hires this month" value={count(h.hiresThisMonth)} note={`Moved to Hired since 1 ${monthName}`} />
      <HeadlineCard
        icon={TimerIcon}
        label="Median time to hire"
        value={h.medianDaysToHire === null ? null : formatDuration(h.medianDaysToHire * 86_400_000)}
        note={
          h.hiresInWindow
            ? `From application to hire, over ${count(h.hiresInWindow)} ${h.hiresInWindow === 1 ? "hire" : "hires"} in the last 90 days`
            : "No hires in the last 90 days"
        }
      />
    </div>
  );
}
