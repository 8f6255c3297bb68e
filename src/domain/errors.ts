/**
 * Every error a user can see: a stable code and its text. Slack, Teams, the CLI and the log all
 * carry the code, so a rep's screenshot can be matched to a log line. A use case may say more
 * precisely what went wrong (naming the account, say) but keeps the code of the catalogue.
 */
export const ERROR_CATALOGUE = {
  NOT_FOUND: "That no longer exists.",
  FORBIDDEN: "That is not yours to change.",
  ALREADY_DONE: "That is already done; undo it first.",
  UNDO_EXPIRED: "It is too late to undo that.",
  INVALID: "That is not something I can accept; check it and try again.",
  UNAUTHORIZED: "This needs a valid bearer token (Authorization: Bearer <token>).",
  USAGE: "I did not understand that; type *help* for what I understand.",
  ALREADY_LOST: "That account is already in the departed folder.",
  NOT_LOST: "That account is not in the departed folder; it is active.",
  UNKNOWN_USER:
    "I don't know you yet. Ask your admin to add you to the reps file (with the email you use here) and run `retention import`; then try again.",
  UNKNOWN_TEAM:
    "This Slack workspace is not connected to Retention bot. Ask your admin to install the app for it.",
  NO_TENANT:
    "This message did not say which Microsoft 365 organisation it came from, so I cannot tell who you are.",
  UNKNOWN_ACTION: "That button is not one this app knows.",
  NO_DASHBOARD_URL:
    "The dashboard link cannot be made: the service's PUBLIC_URL is not set. Ask your admin to set it.",
  CONFIG_INVALID: "The configuration is not valid; fix the variables named and start again.",
  INTERNAL: "Something went wrong on our side and nothing was changed. Please try again in a minute.",
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error as a user sees it. */
export interface UserError {
  code: ErrorCode;
  message: string;
}

/** The error with code `code`: the catalogue's text, or a more precise `message`. */
export function userError(code: ErrorCode, message: string = ERROR_CATALOGUE[code]): UserError {
  return { code, message };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CATALOGUE, value);
}

/** A user-visible error thrown across layers (the CLI's refusals, say); `code` is in the catalogue. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code],
  ) {
    super(message);
    this.name = "CodedError";
  }
}
