"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function AdsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <Alert variant="destructive" role="alert" className="grid gap-2">
      <p className="font-medium">The ads could not be loaded.</p>
      <p>Something went wrong on our side. Try again; if it keeps happening, tell an admin.</p>
      <div>
        <Button variant="outline" size="sm" onClick={reset}>
          Try again
        </Button>
      </div>
    </Alert>
  );
}
