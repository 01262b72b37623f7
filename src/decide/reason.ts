/**
 * One gate that holds a widget back, as data: the gate's name as the rules file calls it
 * (`frequency.session`, `settings.quietPeriod`) and the values seen. Deciding needs only that
 * something blocks; the sentence is written by explain's words chunk (explain-words.ts), loaded
 * with `explain()`, the debug view or a `show()` that was refused. A plain string is a reason
 * already in words (from the host or a lazy chunk: consent, a trigger awaited, a guard).
 */
export type Reason = string | readonly [gate: string, ...seen: unknown[]];

/** The gate's name of a reason: what `explain()` says while its words load. */
export const gateOf = (reason: Reason): string => (typeof reason === "string" ? reason : reason[0]);
