/**
 * Where a rule is documented: the `homepage` its npm package declares. A rule id is either
 * `<rule>` (package `textlint-rule-<rule>`) or `<preset>/<rule>` (the rule's own package when the
 * preset depends on it, else the preset's package).
 */
import * as path from "node:path";

export interface PackageInfo {
  homepage?: string;
  dir: string;
}

/** Finds package `name` as Node would from `fromDir`; undefined when it is not installed. */
export type ReadPackage = (name: string, fromDir: string) => PackageInfo | undefined;

function rulePackageNames(ruleName: string): string[] {
  if (ruleName.startsWith("@")) {
    const [scope, rest] = ruleName.split("/");
    return [rest?.startsWith("textlint-rule-") ? ruleName : `${scope}/textlint-rule-${rest ?? ""}`];
  }
  const bare = ruleName.replace(/^textlint-rule-/, "");
  // Some members of well-known presets live under the @textlint-rule scope.
  return [`textlint-rule-${bare}`, `@textlint-rule/textlint-rule-${bare}`];
}

function firstPackage(names: string[], fromDir: string, readPackage: ReadPackage): PackageInfo | undefined {
  for (const name of names) {
    const found = readPackage(name, fromDir);
    if (found) return found;
  }
  return undefined;
}

function presetPackageName(presetName: string): string {
  if (presetName.startsWith("@")) {
    const [scope, rest] = presetName.split("/");
    return `${scope}/textlint-rule-preset-${(rest ?? "").replace(/^textlint-rule-preset-/, "")}`;
  }
  return `textlint-rule-preset-${presetName.replace(/^textlint-rule-preset-|^preset-/, "")}`;
}

export function ruleDocUrl(ruleId: string, nodeModulesDir: string, readPackage: ReadPackage): string | undefined {
  const parts = ruleId.split("/");
  // `@scope/rule` is a plain rule; `preset/rule` and `@scope/preset/rule` are preset members.
  const isScoped = ruleId.startsWith("@");
  const presetPart = isScoped ? (parts.length > 2 ? parts.slice(0, 2).join("/") : undefined) : parts.length > 1 ? parts[0] : undefined;
  const rulePart = parts[parts.length - 1] ?? ruleId;
  if (presetPart === undefined) return firstPackage(rulePackageNames(ruleId), nodeModulesDir, readPackage)?.homepage;
  const preset = readPackage(presetPackageName(presetPart), nodeModulesDir);
  if (!preset) return undefined;
  const member = firstPackage(rulePackageNames(rulePart), path.join(preset.dir, "node_modules"), readPackage);
  return member?.homepage ?? preset.homepage;
}
