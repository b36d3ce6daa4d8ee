/**
 * Replacing functions of a loaded package's exports with remembering wrappers (prhMemo, analysisMemo,
 * splitMemo): once per copy of the package, and not at all where the exports are read-only (an ES
 * module namespace), where the copy is then used as installed.
 */

type AnyFunction = (this: unknown, ...args: never[]) => unknown;

/**
 * Replaces each function `names` of `mod` with `wrap(originals)`'s, unless `mod` is not an object,
 * was wrapped before (`wrapped`), lacks one of the functions, or refuses the assignment. Returns
 * whether it wrapped.
 */
export function wrapExports<N extends string>(
  mod: unknown,
  names: readonly N[],
  wrapped: WeakSet<object>,
  wrap: (originals: Record<N, AnyFunction>) => Record<N, unknown>,
): boolean {
  if ((typeof mod !== "object" && typeof mod !== "function") || mod === null || wrapped.has(mod)) return false;
  const target = mod as Record<string, unknown>;
  const originals = {} as Record<N, AnyFunction>;
  for (const name of names) {
    const fn = target[name];
    if (typeof fn !== "function") return false;
    originals[name] = fn as AnyFunction;
  }
  const replacements = wrap(originals);
  try {
    for (const name of names) target[name] = replacements[name];
  } catch {
    for (const name of names) restore(target, name, originals[name]);
    return false;
  }
  if (names.some((name) => target[name] !== replacements[name])) {
    for (const name of names) restore(target, name, originals[name]);
    return false;
  }
  wrapped.add(mod);
  return true;
}

function restore(target: Record<string, unknown>, name: string, original: AnyFunction): void {
  try {
    if (target[name] !== original) target[name] = original;
  } catch {
    // Read-only: nothing was replaced.
  }
}
