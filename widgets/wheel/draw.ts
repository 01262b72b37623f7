/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * Uniform in [0, 1) from `crypto.getRandomValues` (32 bits): the outcome of a spin must not be
 * predictable from `Math.random`'s state.
 */
export function cryptoRandom(): number {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return word[0] / 0x1_0000_0000;
}

/**
 * Draws a segment by weight: segment `i` wins with probability `weights[i] / sum(weights)`.
 * Weights must be positive (the schema checks it); `random` is injectable for tests.
 *
 * @example
 * drawSegment([1, 3]); // 1 three times out of four
 */
export function drawSegment(weights: readonly number[], random: Random = cryptoRandom): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let point = random() * total;
  for (let i = 0; i < weights.length; i++) {
    point -= weights[i];
    if (point < 0) return i;
  }
  return weights.length - 1; // rounding at the very top of the range
}

/**
 * The clockwise rotation (degrees) that brings segment `index` of `count` equal segments
 * (segment 0 starting at 12 o'clock) under a pointer at the top, after `turns` full turns.
 * `offset` in [-0.5, 0.5) moves the landing point inside the segment, never onto its edge.
 */
export function landingRotation(index: number, count: number, turns = 6, offset = 0): number {
  const size = 360 / count;
  return turns * 360 + (360 - (index + 0.5) * size) - offset * size * 0.7;
}

/** The segment under the pointer once the wheel is rotated by `rotation` degrees clockwise. */
export function segmentAt(rotation: number, count: number): number {
  const angle = (((360 - rotation) % 360) + 360) % 360;
  return Math.floor(angle / (360 / count)) % count;
}

/** A colour class per segment so that no two neighbours (the last and the first included) share one. */
export function segmentTones(count: number): number[] {
  const kinds = count % 2 === 0 ? 2 : 3;
  const tones = Array.from({ length: count }, (_, i) => i % kinds);
  const last = count - 1;
  if (count > 2 && tones[last] === tones[0]) tones[last] = [0, 1, 2].find((t) => t !== tones[0] && t !== tones[last - 1])!;
  return tones;
}
