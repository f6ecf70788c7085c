import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  await requirePageUser("imports:create");
  return (
    <div className="grid gap-2">
      <h1 className="text-2xl font-semibold">Imports</h1>
      <p className="text-muted-foreground">No imports yet.</p>
    </div>
  );
}
