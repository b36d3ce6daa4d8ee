/** The pre-publish gate's verdict (core/publish/gate.ts), shared by the editor's Publish command and the MCP tool. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { gateVerdict, isPublishable, type GateLevel } from "../../server/src/core/publish/gate";

const problems: { id: string; level: GateLevel }[] = [
  { id: "e1", level: "error" },
  { id: "w1", level: "warning" },
  { id: "i1", level: "other" },
  { id: "e2", level: "error" },
];
const ids = (list: { id: string }[]) => list.map((p) => p.id);
const levelOf = (p: { level: GateLevel }) => p.level;

describe("pre-publish gate", () => {
  it("blockOn error: errors block; without errors, warnings ask", () => {
    const blocked = gateVerdict(problems, "error", levelOf);
    assert.deepEqual([blocked.verdict, ids(blocked.blocking), ids(blocked.asks)], ["blocked", ["e1", "e2"], []]);
    const warned = gateVerdict(problems.filter((p) => p.level !== "error"), "error", levelOf);
    assert.deepEqual([warned.verdict, ids(warned.blocking), ids(warned.asks)], ["confirm", [], ["w1"]]);
  });

  it("blockOn warning: errors and warnings block, nothing asks", () => {
    const blocked = gateVerdict(problems.filter((p) => p.level !== "error"), "warning", levelOf);
    assert.deepEqual([blocked.verdict, ids(blocked.blocking)], ["blocked", ["w1"]]);
    assert.equal(gateVerdict([{ id: "i1", level: "other" as GateLevel }], "warning", levelOf).verdict, "ready");
  });

  it("blockOn never: nothing blocks, errors and warnings ask", () => {
    const never = gateVerdict(problems, "never", levelOf);
    assert.deepEqual([never.verdict, ids(never.blocking), ids(never.asks)], ["confirm", [], ["e1", "e2", "w1"]]);
    assert.equal(gateVerdict([], "never", levelOf).verdict, "ready");
  });

  it("publishes to Zenn, Qiita, Hatena Blog and dev.to only", () => {
    assert.deepEqual(["zenn", "qiita", "hatena", "devto", "blog", "custom", undefined].map((p) => isPublishable(p)), [true, true, true, true, false, false, false]);
  });
});
