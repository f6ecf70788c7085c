import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills defaults for a bare environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
    expect(env.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(env.ADMIN_EMAIL).toBe("admin@example.com");
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", ADMIN_PASSWORD: "" }).DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
  });

  it("accepts PostgreSQL URLs and coerces numbers", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/rd", SESSION_MAX_AGE_HOURS: "0.5", SIGNIN_MAX_ATTEMPTS: "3" });
    expect(env.DATABASE_URL).toBe("postgresql://u:p@db:5432/rd");
    expect(env.SESSION_MAX_AGE_HOURS).toBe(0.5);
    expect(env.SIGNIN_MAX_ATTEMPTS).toBe(3);
  });

  it("names every bad variable in one error", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short", ADMIN_EMAIL: "not-an-email", SESSION_MAX_AGE_HOURS: "-1" })).toThrowError(
      /Invalid environment:\n {2}DATABASE_URL: must start with "file:" \(SQLite\) or "postgresql:\/\/" \(PostgreSQL\)\n {2}NEXTAUTH_SECRET: must be at least 32 characters\n {2}SESSION_MAX_AGE_HOURS: .*\n {2}ADMIN_EMAIL: .*/,
    );
  });

  it("refuses a short admin password", () => {
    expect(() => parseEnv({ ADMIN_PASSWORD: "short" })).toThrowError(/ADMIN_PASSWORD: must be at least 10 characters/);
  });
});
