// What the browser tests and their server agree on.
const port = Number(process.env.E2E_PORT ?? 3100);

export const E2E = {
  port,
  baseURL: `http://localhost:${port}`,
  admin: { email: "admin@e2e.test", password: "e2e-admin-password", name: "Admin" },
  signInMaxAttempts: 5,
} as const;
