import fc from "fast-check";

/*
 * Random conditions that `checkCondition` accepts, and random JSON facts over the same small
 * alphabet so that paths often hit. No prototype keys: there Nudge differs from GrowthBook on purpose.
 */

const keys = ["a", "b", "c", "0"] as const;
const path = fc.oneof(fc.constantFrom(...keys), fc.constantFrom("a.b", "b.c", "a.0", "c.a.b", "a.b.c"));

const text = fc.constantFrom("", "a", "b", "1", "10", "9", "null", "true", "1.2.3", "1.10.0", "1.2.3-beta", "v1.2", "a,b");
const number = fc.constantFrom(-1, 0, 1, 2, 9, 10, 1.5);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));

/** Facts: nested JSON with keys from the alphabet. */
export const jsonFacts = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...keys), tie("value"), { maxKeys: 3, noNullPrototype: true }),
  ),
  facts: fc.dictionary(fc.constantFrom(...keys), tie("value"), { maxKeys: 4, noNullPrototype: true }),
})).facts;

const regexPattern = fc.constantFrom("^a", "1", "^$", "null", "a|b", "\\d", "^1\\.", "/", "^\\[?", "b$");
const version = fc.oneof(fc.constantFrom("1.2.3", "1.10.0", "1.2.3-beta", "v1.2", "2", "0.0.1"), number);
const typeName = fc.constantFrom("string", "number", "boolean", "object", "array", "null", "undefined");
const literalObject = fc.dictionary(fc.constantFrom(...keys), scalar, { maxKeys: 2, noNullPrototype: true });

type Entry = [string, unknown];

/** Depth-limited builders: at depth 0 only leaves, so generation always terminates quickly. */
function operatorEntry(depth: number): fc.Arbitrary<Entry> {
  const leaves: fc.Arbitrary<Entry>[] = [
    fc.tuple(fc.constantFrom("$eq", "$ne"), scalar),
    fc.tuple(fc.constantFrom("$gt", "$gte", "$lt", "$lte"), fc.oneof(text, number)),
    fc.tuple(fc.constantFrom("$in", "$nin"), fc.array(scalar, { maxLength: 3 })),
    fc.tuple(fc.constant("$size"), number),
    fc.tuple(fc.constant("$exists"), fc.boolean()),
    fc.tuple(fc.constant("$type"), typeName),
    fc.tuple(fc.constant("$regex"), regexPattern),
    fc.tuple(fc.constantFrom("$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte"), version),
  ];
  if (depth === 0) return fc.oneof(...leaves);
  const below = depth - 1;
  return fc.oneof(
    ...leaves,
    fc.tuple(fc.constant("$all"), fc.array(valueCondition(below), { maxLength: 2 })),
    fc.tuple(fc.constant("$size"), operatorObject(below)),
    fc.tuple(fc.constant("$elemMatch"), fc.oneof(operatorObject(below), fieldCondition(below))),
    fc.tuple(fc.constant("$not"), valueCondition(below)),
  );
}

function operatorObject(depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(operatorEntry(depth), { minLength: 1, maxLength: 2 }).map((entries) => Object.fromEntries(entries));
}

function valueCondition(depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), literalObject, operatorObject(depth));
}

function combinatorEntries(depth: number): fc.Arbitrary<Entry[]> {
  if (depth === 0) return fc.constant([]);
  const below = depth - 1;
  const entry: fc.Arbitrary<Entry> = fc.oneof(
    fc.tuple(fc.constantFrom("$and", "$or", "$nor"), fc.array(condition(below), { maxLength: 3 })),
    fc.tuple(fc.constant("$not"), condition(below)),
  );
  return fc.array(entry, { maxLength: 2 });
}

function fieldEntries(depth: number, minLength: number): fc.Arbitrary<Entry[]> {
  return fc.array(fc.tuple(path, valueCondition(depth)), { minLength, maxLength: 3 });
}

function condition(depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fieldEntries(depth, 0), combinatorEntries(depth)).map(([fields, more]) => Object.fromEntries([...fields, ...more]));
}

/** At least one plain field, so it is not mistaken for an operator object inside $elemMatch. */
function fieldCondition(depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fieldEntries(depth, 1), combinatorEntries(depth)).map(([fields, more]) => Object.fromEntries([...fields, ...more]));
}

export const validCondition = condition(3);

/** Facts no JSON parser produces: null prototypes, symbols, bigints, functions, cycles, throwing getters. */
export const exoticFacts = fc.oneof(
  fc.anything({
    withNullPrototype: true,
    withBigInt: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    withObjectString: true,
  }),
  fc.constant(cyclicFacts()),
  fc.constant(throwingFacts()),
  fc.constant({ a: Symbol("s"), b: Object.create(null), c: () => 1, 0: 10n }),
);

function cyclicFacts(): unknown {
  const facts: Record<string, unknown> = { b: 1 };
  facts.a = facts;
  facts.c = [facts];
  return facts;
}

function throwingFacts(): unknown {
  const facts = {};
  for (const key of keys)
    Object.defineProperty(facts, key, {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
  return facts;
}
