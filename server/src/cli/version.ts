/** Tsuzuri's version, as the build (scripts/build.js) writes it into the bundles; "dev" unbundled. */
declare const TSUZURI_VERSION: string | undefined;

export function version(): string {
  return typeof TSUZURI_VERSION === "string" ? TSUZURI_VERSION : "dev";
}
