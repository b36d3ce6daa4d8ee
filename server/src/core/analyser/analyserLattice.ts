/**
 * kuromoji builds each sentence's lattice in quadratic time: at every character it slices the rest of
 * the sentence, wraps that rest in a new SurrogateAwareString (a scan of it), and encodes all of it to
 * UTF-8 in a fresh buffer of four bytes per unit, although the dictionary walk stops after a few
 * characters; an unknown-word run is then re-scanned from every character it holds. On the posts
 * writers keep (sentences of 50–300 characters, tokenized by several rules each) this was about a
 * fifth of a lint's time and much of its garbage, and a long run of one letter took minutes.
 *
 * kuromoji has had no release since 2018, and no maintained fork keeps its dictionary format, so we
 * replace `ViterbiBuilder.prototype.build` with a linear one that builds the very same lattice: the
 * dictionary walk encodes a character only when the walk reaches it, and the runs of one character
 * class are measured once per sentence. Where the original's result depends on its quirks (a
 * sentence with a lone high surrogate makes it throw; a dictionary match ending inside a character
 * or in the zero padding of its buffer), the original code runs, so the output is the same in every
 * case; test/unit/analyserLattice.test.ts compares the two on generated and real text.
 */

interface Trie {
  traverse(parent: number, code: number): number;
  bc: { getBase(index: number): number };
  commonPrefixSearch(key: string): Match[];
}

interface Match {
  v?: number;
  k: string;
}

interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}

interface Dictionary {
  target_map: Record<number, ArrayLike<number | string>>;
  dictionary: { getShort(offset: number): number };
}

interface Builder {
  trie: Trie;
  token_info_dictionary: Dictionary;
  unknown_dictionary: Dictionary & { lookup(ch: string): CharacterClass };
}

interface SurrogateAware {
  str: string;
  index_mapping: number[];
  length: number;
  charAt(index: number): string;
  slice(index: number): string;
  toString(): string;
}

interface Lattice {
  append(node: unknown): void;
  appendEos(): void;
}

/** The kuromoji classes the builder uses, from one copy of the package. */
export interface LatticeParts {
  ViterbiBuilder: { prototype: { build(sentence: string): Lattice; __tsuzuriLinear?: true } };
  ViterbiLattice: new () => Lattice;
  ViterbiNode: new (...args: unknown[]) => unknown;
  SurrogateAwareString: new (text: string) => SurrogateAware;
}

const ROOT_ID = 0;
const NOT_FOUND = -1;
const TERM_CODE = 0;

/** Whether the text has a high surrogate not followed by a low one (the original throws on it). */
export function hasLoneHighSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
}

/** The UTF-8 bytes doublearray's encoder writes for the character at `at` (text without lone highs). */
function utf8Of(text: string, at: number, out: number[]): number {
  const unit = text.charCodeAt(at);
  let code = unit;
  let units = 1;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    code = (unit - 0xd800) * 0x400 + 0x10000 + (text.charCodeAt(at + 1) - 0xdc00);
    units = 2;
  }
  out.length = 0;
  if (code < 0x80) out.push(code);
  else if (code < 0x800) out.push((code >>> 6) | 0xc0, (code & 0x3f) | 0x80);
  else if (code < 0x10000) out.push((code >>> 12) | 0xe0, ((code >> 6) & 0x3f) | 0x80, (code & 0x3f) | 0x80);
  else out.push((code >>> 18) | 0xf0, ((code >> 12) & 0x3f) | 0x80, ((code >> 6) & 0x3f) | 0x80, (code & 0x3f) | 0x80);
  return units;
}

/**
 * doublearray's commonPrefixSearch of `text.slice(start)`, encoding only as far as the walk goes.
 * Undefined when a match would end inside a character or in the buffer's zero padding (the caller
 * then asks the original, whose key for such a match is a decoding of partial bytes).
 */
export function prefixMatchesFrom(trie: Trie, text: string, start: number): Match[] | undefined {
  const result: Match[] = [];
  // The original walks a buffer of 4 bytes per unit of the rest: the encoded text, then zeros.
  const bufferBytes = (text.length - start) * 4;
  const bytes: number[] = [];
  let parent = ROOT_ID;
  let walked = 0;
  let at = start;
  while (walked < bufferBytes) {
    const padding = at >= text.length;
    const units = padding ? 0 : utf8Of(text, at, bytes);
    if (padding) bytes.splice(0, bytes.length, TERM_CODE);
    for (let b = 0; b < bytes.length && walked < bufferBytes; b++, walked++) {
      const child = trie.traverse(parent, bytes[b] as number);
      if (child === NOT_FOUND) return result;
      parent = child;
      const grandChild = trie.traverse(child, TERM_CODE);
      if (grandChild === NOT_FOUND) continue;
      if (padding || b !== bytes.length - 1) return undefined;
      const base = trie.bc.getBase(grandChild);
      const match = {} as Match;
      if (base <= 0) match.v = -base - 1;
      match.k = text.slice(start, at + units);
      result.push(match);
    }
    at += units;
  }
  return result;
}

/**
 * For each character, where the run of characters of its class that starts there ends (exclusive,
 * in characters): the unknown word kuromoji groups from that character.
 */
function runEnds(sentence: SurrogateAware, lookup: (ch: string) => CharacterClass): number[] {
  const n = sentence.length;
  const names = new Array<string>(n);
  for (let p = 0; p < n; p++) names[p] = lookup(sentence.charAt(p)).class_name;
  const ends = new Array<number>(n);
  for (let p = n - 1; p >= 0; p--) ends[p] = p + 1 < n && names[p + 1] === names[p] ? (ends[p + 1] as number) : p + 1;
  return ends;
}

/** The linear build; `original` is kuromoji's own, for the cases it must answer (see the header). */
export function linearBuild(parts: LatticeParts, original: (sentence: string) => Lattice) {
  return function build(this: Builder, sentenceText: string): Lattice {
    if (hasLoneHighSurrogate(sentenceText)) return original.call(this, sentenceText);
    const lattice = new parts.ViterbiLattice();
    const sentence = new parts.SurrogateAwareString(sentenceText);
    const known = this.token_info_dictionary;
    const unknown = this.unknown_dictionary;
    let ends: number[] | undefined;
    for (let pos = 0; pos < sentence.length; pos++) {
      const start = sentence.index_mapping[pos] as number;
      const vocabulary = prefixMatchesFrom(this.trie, sentenceText, start) ?? this.trie.commonPrefixSearch(sentence.slice(pos));
      for (const { v, k } of vocabulary) {
        const ids = known.target_map[v as number] as ArrayLike<number | string>;
        for (let i = 0; i < ids.length; i++) {
          const id = parseInt(String(ids[i]));
          const node = new parts.ViterbiNode(id, known.dictionary.getShort(id + 4), pos + 1, k.length, "KNOWN", known.dictionary.getShort(id), known.dictionary.getShort(id + 2), k);
          lattice.append(node);
        }
      }
      const headChar = new parts.SurrogateAwareString(sentence.charAt(pos));
      const headClass = unknown.lookup(headChar.toString());
      if (vocabulary.length !== 0 && headClass.is_always_invoke !== 1) continue;
      // The original's key: the head character (length in characters), or, grouped with the
      // following characters of its class, a string (length in UTF-16 units).
      let key: SurrogateAware | string = headChar;
      if (headClass.is_grouping === 1 && 1 < sentence.length - pos) {
        ends ??= runEnds(sentence, (ch) => unknown.lookup(ch));
        const end = ends[pos] as number;
        if (end - pos >= 2) key = sentenceText.slice(start, end < sentence.length ? sentence.index_mapping[end] : undefined);
      }
      const ids = unknown.target_map[headClass.class_id] as ArrayLike<number | string>;
      for (let j = 0; j < ids.length; j++) {
        const id = parseInt(String(ids[j]));
        const node = new parts.ViterbiNode(id, unknown.dictionary.getShort(id + 4), pos + 1, key.length, "UNKNOWN", unknown.dictionary.getShort(id), unknown.dictionary.getShort(id + 2), key.toString());
        lattice.append(node);
      }
    }
    lattice.appendEos();
    return lattice;
  };
}

/** Replaces `ViterbiBuilder.prototype.build` of one copy of kuromoji (idempotent). */
export function patchLatticeBuilder(parts: LatticeParts): boolean {
  const proto = parts.ViterbiBuilder.prototype;
  if (proto.__tsuzuriLinear || typeof proto.build !== "function") return false;
  proto.build = linearBuild(parts, proto.build) as unknown as typeof proto.build;
  proto.__tsuzuriLinear = true;
  return true;
}
