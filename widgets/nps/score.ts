/** The NPS group of a score: 0–6 detractor, 7–8 passive, 9–10 promoter. */
export type NpsGroup = "detractor" | "passive" | "promoter";

/**
 * The group of a 0–10 score, the standard NPS cut-offs.
 *
 * @example
 * npsGroup(8); // "passive"
 */
export function npsGroup(score: number): NpsGroup {
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

/**
 * The profile attributes a score (and an optional comment) becomes: `nps_score`, `nps_group`, `nps_comment`.
 * A comment is trimmed and cut at 1,000 characters; an empty one is left out.
 */
export function npsAnswers(attribute: string, score: number, comment?: string): Record<string, string | number> {
  const answers: Record<string, string | number> = { [`${attribute}_score`]: score, [`${attribute}_group`]: npsGroup(score) };
  const text = comment?.trim().slice(0, 1000);
  if (text) answers[`${attribute}_comment`] = text;
  return answers;
}
