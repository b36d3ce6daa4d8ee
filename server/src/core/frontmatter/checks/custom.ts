/**
 * The `custom` profile: the writer's own JSON Schema (like an Astro content collection's), validated
 * with ajv; each error is placed on the key, value or list item its instance path names.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { problem } from "../fields";
import { say } from "../../shared/i18n";
import type { FrontmatterProblem } from "../types";
import type { CheckContext } from "./common";

export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; message: string };

/** Compiles a schema once (the caller caches it per schema file and content). */
export function compileSchema(schemaText: string, file: string): CompiledSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (e) {
    return { ok: false, message: `${file} is not valid JSON: ${(e as Error).message}` };
  }
  try {
    const ajv = new Ajv({ allErrors: true, strict: false });
    return { ok: true, validate: ajv.compile(schema as object) };
  } catch (e) {
    return { ok: false, message: `${file} is not a valid JSON Schema: ${(e as Error).message}` };
  }
}

function rangeOf(ctx: CheckContext, error: ErrorObject): [number, number] {
  const f = ctx.fields;
  const parts = error.instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const [key, index] = parts;
  if (error.keyword === "additionalProperties" && parts.length === 0) {
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return extra && f.has(extra) ? f.keyRange(extra) : f.openingFence();
  }
  if (key === undefined || !f.has(key)) return f.openingFence();
  if (index !== undefined && /^\d+$/.test(index)) return f.items(key)[Number(index)]?.range ?? f.valueRange(key);
  return f.valueRange(key);
}

export function customChecks(ctx: CheckContext, schema: CompiledSchema | undefined, schemaFile: string): FrontmatterProblem[] {
  if (!schema) return [];
  if (!schema.ok) return [problem("schema", ctx.fields.openingFence(), say(schema.message, `スキーマを読み込めません: ${schema.message}`))];
  if (schema.validate(ctx.fields.data)) return [];
  return (schema.validate.errors ?? []).map((error) => {
    const where = error.instancePath === "" ? "" : `${error.instancePath.slice(1)}: `;
    const text = `${where}${error.message ?? error.keyword}`;
    return problem("schema", rangeOf(ctx, error), say(`${text} (${schemaFile})`, `${text}（${schemaFile}）`));
  });
}
