/** A command-line option's value: undefined when absent, null when its value is missing. */
export function option(args: string[], name: string): string | undefined | null {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  return value && !value.startsWith("--") ? value : null;
}

/** Where a collector command's state lives (`--db <file>` or `--postgres <url>`, at most one), or what is wrong. */
export function stateChoice(args: string[]): { db?: string; postgres?: string; problem?: undefined } | { problem: string } {
  const db = option(args, "--db");
  const postgres = option(args, "--postgres");
  if (db === null) return { problem: "--db: expected a DuckDB file after it" };
  if (postgres === null) return { problem: "--postgres: expected a URL after it, e.g. postgres://user@host:5432/db" };
  if (db && postgres) return { problem: "give --db or --postgres, not both" };
  return { db, postgres };
}
