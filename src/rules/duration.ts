const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A duration in the rules file: seconds as a number, or a string such as "500ms", "30s", "15m", "2h", "7d", "1w". */
export type Duration = number | string;

export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;

/** Milliseconds for a valid duration, or undefined for anything else. */
export function parseDuration(duration: unknown): number | undefined {
  if (typeof duration === "number") return Number.isFinite(duration) && duration >= 0 ? duration * 1000 : undefined;
  if (typeof duration !== "string") return undefined;
  const match = DURATION_PATTERN.exec(duration.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]] : undefined;
}
