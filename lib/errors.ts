// Errors a user caused and can act on: their message is shown as is (by actions, route handlers
// and the CLI). Anything else is logged and shown as a generic failure.
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "INVALID" | "CONFLICT" | "NOT_FOUND" | "FAILED";

export class UserError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = "INVALID",
    readonly details?: unknown,
  ) {
    super(message);
  }
}
