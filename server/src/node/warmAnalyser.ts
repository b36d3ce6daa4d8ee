import { getTokenizer } from "kuromojin";

/**
 * Starts loading kuromoji's dictionary (about a second and a few hundred MB) so that it is ready
 * when the first lint needs it. kuromojin keeps one tokenizer per process (per worker thread), which
 * every bundled rule shares, and so do a project's rules (sharedModules.ts). Settles when it is
 * loaded; a failure here is not fatal: the lint that needs it reports it.
 */
export function warmAnalyser(): Promise<void> {
  return getTokenizer().then(
    () => undefined,
    () => undefined,
  );
}
