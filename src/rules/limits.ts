/*
 * Sizes the validator refuses: a rules file is read on every page view, so what it holds is paid
 * for on every page view. Each limit is far above what a hand-written file needs; the messages
 * say what to use instead. Documented in docs/rules-reference.md (Limits).
 */

/** Values in one `$in`, `$nin` or `$all` list: a longer list belongs in a segment or the catalog feed. */
export const MAX_LIST_ITEMS = 1000;

/** Levels of nested conditions (`$and`, `$or`, `$not`, `$elemMatch`, `where`…) in one condition. */
export const MAX_CONDITION_DEPTH = 20;

/** Characters of a rules file (about 1 MB). */
export const MAX_RULES_FILE_CHARS = 1_000_000;

/** The longest wait a trigger can arm on a page: 24 days (a browser timer fires at once past 2³¹ ms, about 24.8 days). */
export const MAX_TIMER_MS = 24 * 86_400_000;
