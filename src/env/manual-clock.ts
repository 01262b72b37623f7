/**
 * A manual clock behind the Env seam, for simulations and tests: `now` moves only with
 * `advance`, which runs every timer that falls due, in order, awaiting `settle` after each
 * so the runtime's promises finish before the next timer.
 */
export function manualClock(start: number, settle: () => Promise<void>, seed = 0) {
  let now = start;
  let nextId = 1;
  let seq = Math.abs(Math.floor(seed)) % 233_280;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number): unknown => {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, Number(ms) || 0), fn });
      return id;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
    /** Deterministic: the same seed gives the same visitor id, hence the same variants. */
    random: () => ((seq = (seq * 9301 + 49297) % 233_280) + 1) / 233_281,
    /** Timers not yet run. */
    pending: () => timers.size,
    async advance(ms: number): Promise<void> {
      const end = now + ms;
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await settle();
      }
      now = end;
      await settle();
    },
  };
}

export type ManualClock = ReturnType<typeof manualClock>;
