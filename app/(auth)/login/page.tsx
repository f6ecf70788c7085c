import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(url: string | string[] | undefined): string {
  const value = Array.isArray(url) ? url[0] : url;
  // Only same-site paths: never send a user on to another origin after sign-in.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
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
