/**
 * A map that keeps what was used most recently within a budget (entries, or any weight such as
 * characters), for the memos that answer rules from memory (prh dictionaries, analyses, tokens).
 * A Map keeps insertion order, so the first key is the least recently used one.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  private weight = 0;

  /** `weigh` gives an entry's share of `budget` (default: 1, so the budget counts entries). */
  constructor(
    private readonly budget: number,
    private readonly weigh: (key: K, value: V) => number = () => 1,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, now the most recently used, or undefined. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value for `key` without changing its place (to check it is still the one stored). */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` as the most recently used; drops the least recently used over the budget (never the last). */
  set(key: K, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.weight += this.weigh(key, value);
    while (this.weight > this.budget && this.entries.size > 1) {
      const oldest = this.entries.keys().next().value as K;
      this.delete(oldest);
    }
  }

  delete(key: K): boolean {
    const value = this.entries.get(key);
    if (value === undefined) return false;
    this.entries.delete(key);
    this.weight -= this.weigh(key, value);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}
