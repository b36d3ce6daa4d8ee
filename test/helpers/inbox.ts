type Waiter<T> = { match: (item: T) => boolean; resolve: (item: T) => void };

/** A stream of notifications (the LSP client's) that a caller can wait on, without sleeping. */
export class Inbox<T> {
  readonly all: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(item: T): void {
    this.all.push(item);
    this.waiters = this.waiters.filter((w) => (w.match(item) ? (w.resolve(item), false) : true));
  }

  /** Resolves with the first item (after `fromIndex`) that matches; rejects after `timeoutMs`. */
  next(match: (item: T) => boolean, timeoutMs = 20_000, fromIndex = this.all.length): Promise<T> {
    const already = this.all.slice(fromIndex).find(match);
    if (already) return Promise.resolve(already);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { match, resolve: (item) => (clearTimeout(timer), resolve(item)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a notification`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
