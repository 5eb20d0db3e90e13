import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { relative, resolve } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(import.meta.dirname, "..", "..");

/** Where a sampled function lives: an npm package, a file of ours, Node itself, or the VM's own buckets. */
function place(frame: ProfileNode["callFrame"]): string {
  if (["(idle)", "(garbage collector)", "(program)"].includes(frame.functionName)) return frame.functionName;
  if (!frame.url) return "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1] as string;
  if (frame.url.startsWith("node:")) return "node (http, streams, crypto, …)";
  return relative(ROOT, frame.url.replace(/^file:\/\//, ""));
}

/** Self time by place, busiest first, as shares of the non-idle samples. */
export function summarizeProfile(profile: Profile, top = 12): { place: string; percent: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") return;
    const dt = profile.timeDeltas[i] ?? 0;
    busy += dt;
    const where = place(frame);
    totals.set(where, (totals.get(where) ?? 0) + dt);
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, t]) => ({ place: where, percent: busy > 0 ? (t / busy) * 100 : 0 }));
}

/**
 * Samples this process's CPU (the server under test runs here) while `work` runs, through the inspector,
 * so start-up and module loading stay out of the profile. Writes the raw .cpuprofile (open it in Chrome
 * DevTools) when `file` is given.
 */
export async function profileCpu<T>(
  work: () => Promise<T>,
  file?: string,
): Promise<{ result: T; summary: { place: string; percent: number }[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
    const result = await work();
    const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
    if (file) writeFileSync(file, JSON.stringify(profile));
    return { result, summary: summarizeProfile(profile) };
  } finally {
    session.disconnect();
  }
}
