/** `--engine auto`: the fastest usable engine, and why each faster one was passed over. */
import type { EngineStatus } from './engine-types.js';

export function pickAuto(statuses: readonly EngineStatus[]): { pick: EngineStatus; note: string } | null {
  const byRank = [...statuses].sort((a, b) => b.rank - a.rank);
  const pick = byRank.find((s) => s.usable);
  if (pick === undefined) return null;
  // Only the "why" half of each reason: the install hints belong in `bench doctor`.
  const passed = byRank.filter((s) => !s.usable && s.rank > pick.rank).map((s) => `${s.name} ${s.reason.split('; ')[0]}`);
  return { pick, note: `auto picked ${pick.name}: ${passed.length > 0 ? passed.join('; ') : 'the fastest engine here'}` };
}
