/**
 * Memory and CPU time of a process, from /proc (Linux): the LSP client's server figures and the
 * bench's child processes (textlint, the CLI) read them here.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

export interface Memory {
  /** Resident set (VmRSS) of the process, its worker threads included, in MB. */
  rssMb: number;
  /** Peak resident set (VmHWM) since the process started, in MB. */
  peakMb: number;
}

/** VmRSS and VmHWM of a process, from /proc (Linux). */
export function readMemory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

let clockTicks: number | undefined;

/** Kernel clock ticks per second (the unit of /proc/<pid>/stat CPU times). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU time from /proc/<pid>/stat, in ms: `self` is utime + stime of the process (all its threads:
 * the server's worker and GC threads count), `children` is cutime + cstime (children it has waited
 * for). CPU time, unlike wall time, hardly depends on what else the machine is running.
 */
export function readCpuMs(pid: number | "self"): { self: number; children: number } | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces), starting at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  const tick = 1000 / ticksPerSecond();
  const at = (field: number): number => fields[field - 3] ?? NaN;
  return { self: (at(14) + at(15)) * tick, children: (at(16) + at(17)) * tick };
}
