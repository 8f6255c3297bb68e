/**
 * Validates cards against the Adaptive Card 1.5 JSON schema kept in ../shared/schemas (outside
 * the project: it is read, never copied). When that folder is absent, validation is reported
 * as unavailable and the tests that need it say so.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SHARED_SCHEMAS = path.resolve(root, "../shared/schemas");
const CARD_SCHEMA = path.join(SHARED_SCHEMAS, "adaptive-card-1.5.schema.json");

export const cardSchemaAvailable = existsSync(CARD_SCHEMA);
export const cardSchemaMissingMessage = `${CARD_SCHEMA} is absent: Adaptive Card schema checks skipped`;

let validator: ValidateFunction | undefined;

function load(): ValidateFunction {
  if (validator) return validator;
  const require = createRequire(import.meta.url);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json") as object);
  addFormats.default(ajv);
  // The schema names itself with draft-06's `id`, which Ajv 8 only knows as `$id`.
  const { id, ...schema } = JSON.parse(readFileSync(CARD_SCHEMA, "utf8")) as { id: string } & Record<
    string,
    unknown
  >;
  validator = ajv.compile({ $id: id, ...schema });
  return validator;
}

/**
 * Element and action types the schema defines. The schema lets unknown types through (cards are
 * extensible), so the tests also check that every type we use is one of these.
 */
export function knownCardTypes(): Set<string> {
  const schema = JSON.parse(readFileSync(CARD_SCHEMA, "utf8")) as { definitions: Record<string, unknown> };
  return new Set(Object.keys(schema.definitions));
}

/** The schema errors of `card` ("" when valid, or when the schema is unavailable). */
export function cardSchemaErrors(card: unknown): string {
  if (!cardSchemaAvailable) return "";
  const validate = load();
  if (validate(card)) return "";
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("\n");
}
