import fc from "fast-check";
import { jsonFacts, validCondition } from "../conditions/arbitraries.js";

/*
 * Conditions with Nudge's own operators ($event, $segment, $olderThan, $newerThan) mixed with
 * GrowthBook ones, and facts whose `time` and `events` make those operators go either way.
 */

const DAY = 86_400_000;
export const NOW = Date.UTC(2024, 5, 10, 12);
const TODAY = Date.UTC(2024, 5, 10) / DAY;
const ago = fc.constantFrom(0, 60_000, 1_800_000, 3_600_000, 3 * 3_600_000, DAY, 2 * DAY, 7 * DAY, 8 * DAY, 30 * DAY, 40 * DAY, -3_600_000);
const timestamp = ago.map((offset) => NOW - offset);
const duration = fc.constantFrom<string | number>("500ms", 60, "30m", "1h", "2h", "1d", "36h", "2d", "7d", "1w", "30d");
const eventName = fc.constantFrom("a", "b", "toString");

const count = fc.constantFrom<unknown>(0, 1, 2, { $gte: 1 }, { $lt: 2 }, { $gt: 0, $lte: 3 }, { $ne: 1 }, { $eq: 0 });
const where = fc.constantFrom<unknown>(
  { "props.p": { $gt: 1 } },
  { "props.p": 2 },
  { $or: [{ "props.p": 1 }, { "props.q": { $exists: true } }] },
  { "props.t": { $newerThan: "1h" } },
  {},
);

export const eventTest = fc.record({ name: eventName, within: duration, count, where, lastWithin: duration, notWithin: duration }, { requiredKeys: ["name"] });

const relativeTime = fc.record({ $olderThan: duration, $newerThan: duration }, { requiredKeys: [] }).filter((operators) => Object.keys(operators).length > 0);

type Entry = [string, unknown];

const nudgeEntry: fc.Arbitrary<Entry> = fc.oneof(
  fc.tuple(fc.constant("$event"), eventTest),
  fc.tuple(fc.constantFrom("$segment"), fc.constantFrom("s1", "s2", "unknown")),
  fc.tuple(fc.constantFrom("visitor.firstSeen", "a", "orders.last.time"), relativeTime),
);

function nudgeCondition(depth: number): fc.Arbitrary<Record<string, unknown>> {
  const combinators: fc.Arbitrary<Entry>[] =
    depth === 0
      ? []
      : [fc.tuple(fc.constantFrom("$and", "$or", "$nor"), fc.array(nudgeCondition(depth - 1), { maxLength: 3 })), fc.tuple(fc.constant("$not"), nudgeCondition(depth - 1))];
  const entries = fc.array(fc.oneof(nudgeEntry, ...combinators), { maxLength: 3 });
  return fc.tuple(validCondition, entries).map(([base, more]) => {
    // A few GrowthBook entries, so both kinds of leaves meet in one condition.
    const kept = Object.entries(base).slice(0, 2);
    return Object.fromEntries([...kept, ...more]);
  });
}

export const mixedCondition = nudgeCondition(2);

/** Named segments that may use each other (cycles included) and Nudge's operators. */
export const segments = fc.record({ s1: nudgeCondition(1), s2: nudgeCondition(1) });

const props = fc.option(fc.record({ p: fc.constantFrom(0, 1, 2, 5), q: fc.constant("x"), t: timestamp }, { requiredKeys: [] }), { nil: undefined });
const recent = fc.array(fc.record({ t: timestamp, props }, { requiredKeys: ["t"] }), { maxLength: 4 });
const days = fc.dictionary(
  fc.integer({ min: -1, max: 9 }).map((back) => String(TODAY - back)),
  fc.constantFrom(0, 1, 2, 3),
  { maxKeys: 4 },
);

const history = fc.record({ count: fc.nat(5), first: timestamp, last: timestamp, days, recent }, { requiredKeys: [] });

const time = fc.oneof(
  fc.constant({ now: NOW, date: "2024-06-10" }),
  fc.constant({ now: NOW }),
  fc.constant({ now: NOW + 13 * 3_600_000, date: "2024-06-11" }),
  fc.constant({ now: "later" }),
  fc.constant(undefined),
);

/** JSON facts with time, event history and timestamps beside random GrowthBook-style keys. */
export const mixedFacts = fc
  .tuple(
    jsonFacts,
    time,
    fc.dictionary(
      eventName.filter((name) => name !== "toString"),
      history,
      { maxKeys: 2 },
    ),
    timestamp,
  )
  .map(([base, time, events, firstSeen]) => ({ ...base, time, events, visitor: { firstSeen }, orders: { last: { time: firstSeen - DAY } } }));
