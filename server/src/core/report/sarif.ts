/**
 * `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning (and any SARIF viewer). Paths are
 * relative to the folder the CLI ran in (`%SRCROOT%`: the repository root in CI, as code scanning
 * wants them); a file outside it gets an absolute file URI. Lines and columns are the editor's
 * (UTF-16 columns, `columnKind`), ends exclusive as SARIF's are; fixes are SARIF fixes.
 *
 * Written by hand: the format is plain JSON and the only npm builders are thin wrappers around the
 * same objects; the tests validate the output against the official SARIF 2.1.0 schema.
 */
import { pathToFileURL } from "node:url";
import type { TextlintMessage } from "@textlint/types";
import type { EditorPositions } from "./positions";
import { levelOf, fixesOf, relativePath, type FileReport, type ReportContext } from "./files";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const SRCROOT = "%SRCROOT%";

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: "error" | "warning" | "note";
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }[];
  fixes?: { description?: { text: string }; artifactChanges: { artifactLocation: ArtifactLocation; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`, non-ASCII). */
function encodePath(relative: string): string {
  return relative.split("/").map(encodeURIComponent).join("/");
}

function artifactLocationOf(cwd: string, filePath: string): ArtifactLocation {
  const relative = relativePath(cwd, filePath);
  return relative === undefined ? { uri: pathToFileURL(filePath).href } : { uri: encodePath(relative), uriBaseId: SRCROOT };
}

function regionOf(positions: EditorPositions, range: readonly [number, number]): Region {
  const start = positions.at(range[0]);
  const end = positions.at(Math.max(range[0], range[1]));
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

export function toSarif(files: readonly FileReport[], context: ReportContext): SarifLog {
  const ruleIds = [...new Set(files.flatMap((f) => f.messages.map((m) => m.ruleId)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const helpUri = context.ruleDocs.get(id);
    return helpUri ? { id, helpUri } : { id };
  });
  const results = files.flatMap((file) => {
    const artifactLocation = artifactLocationOf(context.cwd, file.filePath);
    return file.messages.map((m): SarifResult => resultOf(m, file.positions, artifactLocation, ruleIndex.get(m.ruleId) ?? 0));
  });
  const root = pathToFileURL(context.cwd).href;
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "Tsuzuri", version: context.version, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: root.endsWith("/") ? root : `${root}/` } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

function resultOf(m: TextlintMessage, positions: EditorPositions, artifactLocation: ArtifactLocation, ruleIndex: number): SarifResult {
  const level = levelOf(m);
  const result: SarifResult = {
    ruleId: m.ruleId,
    ruleIndex,
    level: level === "info" ? "note" : level,
    message: { text: m.message },
    locations: [{ physicalLocation: { artifactLocation, region: regionOf(positions, m.range) } }],
  };
  const fixes = fixesOf(m);
  if (fixes.length > 0) {
    result.fixes = fixes.map((f) => ({
      ...(f.description !== undefined ? { description: { text: f.description } } : {}),
      artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: regionOf(positions, f.range), insertedContent: { text: f.text } }] }],
    }));
  }
  return result;
}

export function formatSarif(files: readonly FileReport[], context: ReportContext): string {
  return `${JSON.stringify(toSarif(files, context), null, 2)}\n`;
}
