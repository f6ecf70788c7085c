import { afterEach, describe, expect, it, vi } from "vitest";
import { authOptions } from "./options";

process.env.NEXTAUTH_SECRET ??= "a-test-secret-that-is-long-enough-0123456789";

function captured(fn: () => void): string[] {
  const lines: string[] = [];
  const spy = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stderr, "write").mockImplementation(spy);
  vi.spyOn(process.stdout, "write").mockImplementation(spy);
  vi.spyOn(console, "error").mockImplementation((...a) => lines.push(`console.error ${a.join(" ")}`));
  fn();
  vi.restoreAllMocks();
  return lines;
}

describe("next-auth's log lines go through the app's JSON logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a forged or stale session cookie is one warn line, without a stack", () => {
    const error = new Error("decryption operation failed");
    const lines = captured(() => authOptions().logger!.error!("JWT_SESSION_ERROR", { error, message: error.message } as never));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: "warn", message: "sign-in session refused", code: "JWT_SESSION_ERROR" });
    expect(lines[0]).not.toContain("at ");
  });

  it("an unexpected error is one error line (its stack inside the JSON)", () => {
    const lines = captured(() => authOptions().logger!.error!("OAUTH_CALLBACK_ERROR", { error: new Error("boom") } as never));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: "error", message: "next-auth error", code: "OAUTH_CALLBACK_ERROR", error: { message: "boom" } });
  });
});
