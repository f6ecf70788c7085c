import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only this app's own pages: never send a user on to another site after sign-in.
  const callbackUrl = safeCallbackPath(params.callbackUrl, env().NEXTAUTH_URL);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 px-4">
      <div className="w-full max-w-sm">
        <h1 className="mb-1 text-2xl font-semibold">Recruiter Desk</h1>
        <p className="mb-6 text-sm text-muted-foreground">Sign in to manage job ads and candidates.</p>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
