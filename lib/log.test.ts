import { describe, expect, it } from "vitest";
import { logContext } from "./log";

describe("logContext", () => {
  it("never lets secrets through, at any depth", () => {
    const line = JSON.stringify(
      logContext({
        user: "u1",
        password: "hunter2hunter2",
        body: { email: "a@b.c", newPassword: "s3cret-pass", nested: [{ sessionToken: "eyJhbGci" }] },
        headers: { Authorization: "Bearer abc", cookie: "next-auth.session-token=xyz" },
        passwordHash: "$argon2id$v=19$abc",
        NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef",
      }),
    );
    for (const secret of ["hunter2hunter2", "s3cret-pass", "eyJhbGci", "Bearer abc", "session-token=xyz", "$argon2id", "0123456789abcdef"]) expect(line).not.toContain(secret);
    expect(line).toContain('"user":"u1"');
    expect(line).toContain('"email":"a@b.c"');
  });
  it("keeps errors as name, message and stack", () => {
    const ctx = logContext({ error: new TypeError("boom") }) as { error: { name: string; message: string } };
    expect(ctx.error).toMatchObject({ name: "TypeError", message: "boom" });
  });
});
