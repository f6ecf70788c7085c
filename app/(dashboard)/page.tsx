import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Dashboard" };

export default async function HomePage() {
  const user = await requirePageUser("ads:read");
  const db = getDb();
  const [open, total] = await Promise.all([db.ad.count({ where: { status: "OPEN" } }), db.ad.count()]);
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Card>
          <CardHeader>
            <CardDescription>Open roles</CardDescription>
            <CardTitle className="text-3xl">{open.toLocaleString("en-GB")}</CardTitle>
          </CardHeader>
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>Ads in total</CardDescription>
            <CardTitle className="text-3xl">{total.toLocaleString("en-GB")}</CardTitle>
          </CardHeader>
        </Card>
      </div>
      <p className="text-sm text-muted-foreground">
        Browse the <Link className="text-primary underline-offset-4 hover:underline" href="/ads">ads</Link>.
      </p>
    </div>
  );
}
