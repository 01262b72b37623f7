/* Durations in words for explain(): cooldowns, follow-ups and schedules. */

/** "45s", "12m", "23h", "2d 3h": how long until something, for explain(). */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.floor(ms / 86_400_000);
  const rest = Math.ceil((ms - days * 86_400_000) / 3_600_000);
  return rest === 24 ? `${days + 1}d` : rest ? `${days}d ${rest}h` : `${days}d`;
}

/** "45s", "1h 30m", "2d 3h": how long ago something happened, for explain(). */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}
