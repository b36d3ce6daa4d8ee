/**
 * Validators for the CLI's CI formats, from schemas that npm packages ship (dev dependencies):
 * - SARIF 2.1.0: the OASIS schema (2.1.0-rtm.5, as schemastore publishes it) from Microsoft's
 *   @microsoft/jest-sarif (MIT). It is written in JSON Schema draft-04, which Ajv 8 does not read;
 *   the only draft-04 construct in it is the root `id` (`$id` since draft-06), so it is renamed and
 *   the `$schema` dropped, nothing else changed.
 * - Reviewdog Diagnostic Format: the schema of @umbrelladocs/rdformat-validator (Apache-2.0), written
 *   from reviewdog's reviewdog.proto (reviewdog's own JSON schema is not on npm), stricter than it
 *   (severity enum, no unknown properties).
 * Unknown formats are checked too: `uri`, `uri-reference` and `date-time` by the URL and Date parsers.
 */
import * as fs from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";

function ajv(options: { unicodeRegExp?: boolean } = {}): Ajv {
  const instance = new Ajv({ allErrors: true, strict: false, ...options });
  instance.addFormat("uri", (s: string) => URL.canParse(s));
  instance.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
  instance.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  return instance;
}

let sarif: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (!sarif) {
    const file = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    const schema = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const { id, $schema, ...rest } = schema;
    assert(typeof id === "string" && $schema === "http://json-schema.org/draft-04/schema#", "the draft-04 SARIF schema");
    // One of its patterns (`language`) has a stray "]", an error in a Unicode-mode RegExp: read the
    // patterns as draft-04 validators did, without the u flag.
    sarif = ajv({ unicodeRegExp: false }).compile({ $id: id, ...rest });
  }
  return sarif;
}

interface RdformatSchema {
  oneOf: { title?: string }[];
}

let rdjson: { result: ValidateFunction; diagnostic: ValidateFunction } | undefined;

/** `result` for a DiagnosticResult (rdjson), `diagnostic` for one Diagnostic (a line of rdjsonl). */
export function rdjsonValidators(): { result: ValidateFunction; diagnostic: ValidateFunction } {
  if (!rdjson) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RDFormatValidator } = require("@umbrelladocs/rdformat-validator") as { RDFormatValidator: new () => { getSchema(): RdformatSchema } };
    const schema = new RDFormatValidator().getSchema();
    const part = (title: string) => {
      const found = schema.oneOf.find((s) => s.title === title);
      assert(found, `the schema has a ${title}`);
      return found;
    };
    const instance = ajv();
    rdjson = { result: instance.compile(part("DiagnosticResult")), diagnostic: instance.compile(part("Diagnostic")) };
  }
  return rdjson;
}

function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`unexpected schema: ${what}`);
}
