import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { Lru } from "../../server/src/core/shared/lru";

describe("Lru", () => {
  it("drops the least recently used entry over its budget of entries", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    assert.equal(lru.get("a"), 1, "a is now the most recently used");
    lru.set("c", 3);
    assert.equal(lru.peek("b"), undefined, "b was the least recently used");
    assert.deepEqual([lru.get("a"), lru.get("c"), lru.size], [1, 3, 2]);
  });

  it("weighs entries, keeps the last one even over budget, and forgets on delete and clear", () => {
    const lru = new Lru<string, string>(10, (key) => key.length);
    lru.set("12345", "x");
    lru.set("123456", "y");
    assert.deepEqual([lru.peek("12345"), lru.peek("123456")], [undefined, "y"]);
    lru.set("a".repeat(20), "big");
    assert.deepEqual([lru.size, lru.peek("a".repeat(20))], [1, "big"], "a single entry over budget stays");
    assert.equal(lru.delete("a".repeat(20)), true);
    assert.equal(lru.delete("a".repeat(20)), false);
    lru.set("1234", "p");
    lru.set("12345", "q");
    assert.equal(lru.size, 2, "the weight of deleted entries was given back");
    lru.clear();
    assert.equal(lru.size, 0);
    lru.set("1234567890", "r");
    assert.equal(lru.peek("1234567890"), "r");
  });
});
