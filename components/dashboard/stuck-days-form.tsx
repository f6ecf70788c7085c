// How long is "stuck": a GET form on the home page (?stuck=N, 1–365 days), the funnel's scope kept.
import Form from "next/form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function StuckDaysForm({ days, funnel }: { days: number; funnel: string }) {
  return (
    <Form action="/" scroll={false} className="flex flex-wrap items-center gap-2">
      <Label htmlFor="stuck-days" className="text-muted-foreground">
        In the same stage for more than
      </Label>
      <Input id="stuck-days" name="stuck" type="number" inputMode="numeric" min={1} max={365} step={1} required defaultValue={days} key={days} className="w-20" />
      <span className="text-sm text-muted-foreground">days</span>
      {funnel && <input type="hidden" name="funnel" value={funnel} />}
      <Button type="submit" size="sm" variant="outline">
        Show
      </Button>
    </Form>
  );
}
