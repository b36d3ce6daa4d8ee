/**
 * The pre-publish gate's verdict: problems at or above `tsuzuri.publish.blockOn` block publishing;
 * below it, warnings (and with `never`, errors too) ask the writer to confirm. The editor's Publish
 * command shows the verdict (client/src/publish/gate.ts); the MCP tool `prepublish` reports it.
 */
import type { PublishBlockOn } from "../settings";
import type { PublishPlatform } from "./types";

/** How a problem counts at the gate: its severity, reduced to what the gate looks at. */
export type GateLevel = "error" | "warning" | "other";

export interface GateResult<P> {
  /** blocked: not published; confirm: published once the writer says so; ready: published. */
  verdict: "blocked" | "confirm" | "ready";
  /** Problems that block publishing (empty unless blocked). */
  blocking: P[];
  /** Problems the writer is asked to accept (when nothing blocks). */
  asks: P[];
}

export function gateVerdict<P>(problems: readonly P[], blockOn: PublishBlockOn, levelOf: (problem: P) => GateLevel): GateResult<P> {
  const errors = problems.filter((p) => levelOf(p) === "error");
  const warnings = problems.filter((p) => levelOf(p) === "warning");
  const blocking = blockOn === "never" ? [] : blockOn === "warning" ? [...errors, ...warnings] : errors;
  if (blocking.length > 0) return { verdict: "blocked", blocking, asks: [] };
  const asks = blockOn === "never" ? [...errors, ...warnings] : blockOn === "error" ? warnings : [];
  return { verdict: asks.length > 0 ? "confirm" : "ready", blocking: [], asks };
}

/** The platforms Tsuzuri publishes to (Zenn by git, the others through their APIs). */
export const PUBLISHABLE_PLATFORMS: readonly PublishPlatform[] = ["zenn", "qiita", "hatena", "devto"];

export function isPublishable(platform: string | undefined): platform is PublishPlatform {
  return (PUBLISHABLE_PLATFORMS as readonly string[]).includes(platform ?? "");
}
