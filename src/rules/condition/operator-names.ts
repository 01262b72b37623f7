/** Operators that combine whole conditions; valid only as keys of a condition object. */
export const CONDITION_OPERATORS = ["$and", "$or", "$nor", "$not", "$segment", "$event"] as const;

/** Operators that test one field's value; valid only inside `{ "field": { ... } }`. */
export const VALUE_OPERATORS = [
  "$eq",
  "$ne",
  "$gt",
  "$gte",
  "$lt",
  "$lte",
  "$in",
  "$nin",
  "$ini",
  "$nini",
  "$all",
  "$alli",
  "$size",
  "$elemMatch",
  "$exists",
  "$type",
  "$regex",
  "$regexi",
  "$not",
  "$veq",
  "$vne",
  "$vgt",
  "$vgte",
  "$vlt",
  "$vlte",
  "$olderThan",
  "$newerThan",
  "$daysUntil",
  "$boughtWithin",
] as const;

export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
export type ValueOperator = (typeof VALUE_OPERATORS)[number];

export function isConditionOperator(key: string): key is ConditionOperator {
  return (CONDITION_OPERATORS as readonly string[]).includes(key);
}

export function isValueOperator(key: string): key is ValueOperator {
  return (VALUE_OPERATORS as readonly string[]).includes(key);
}

/** Edit distance (insert, delete, substitute), case-insensitive so `$elemmatch` finds `$elemMatch`. */
function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, i) => i);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[right.length];
}

/** The closest known name, if close enough to be a plausible typo; ties go to the earlier name. */
export function closestName(unknown: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(unknown, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  // A suggestion three edits away is still a useful hint for short operator names.
  return bestDistance <= 3 ? best : undefined;
}

/** "$gtt: unknown operator; did you mean $gt?" */
export function unknownOperatorMessage(operator: string, known: readonly string[]): string {
  const suggestion = closestName(operator, known);
  return `${operator}: unknown operator${suggestion ? `; did you mean ${suggestion}?` : ""}`;
}
