import { describe, expect, it } from "vitest";
import { CodedError, ERROR_CATALOGUE, isErrorCode, userError } from "../../src/domain/errors.js";

describe("the error catalogue", () => {
  it("gives every code one sentence a user can act on", () => {
    for (const [code, text] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(text.length, code).toBeGreaterThan(10);
      expect(text, code).toMatch(/[.!?)`]$/);
    }
  });

  it("says the catalogue's text unless a more precise one is given, and keeps the code", () => {
    expect(userError("INTERNAL")).toEqual({ code: "INTERNAL", message: ERROR_CATALOGUE.INTERNAL });
    expect(userError("NOT_FOUND", "That pick no longer exists.")).toEqual({
      code: "NOT_FOUND",
      message: "That pick no longer exists.",
    });
    expect(new CodedError("FORBIDDEN").message).toBe(ERROR_CATALOGUE.FORBIDDEN);
  });

  it("tells a known code from any other value", () => {
    expect(isErrorCode("UNDO_EXPIRED")).toBe(true);
    expect(isErrorCode("undo_expired")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
