/// <reference types="node" />
import { readFile } from "node:fs/promises";
import { readRulesFile } from "./read-rules-file.js";
import { rulesJsonSchema } from "../rules/schema/json-schema.js";
import { formatProblem, isError, type RulesProblem } from "../rules/problems.js";
import { validateRules } from "../rules/validate.js";

const USAGE = `Usage:
  nudge init [folder] [--keep-rules]     set up a site with no build: writes folder/nudge/ (nudge.js, nudge.runtime.js,
                                         chunks/), a starter folder/nudge-rules.json and folder/snippet.html to paste
                                         into every page's <head>; run again to update the script files. A rules file
                                         you changed is never overwritten: init exits 1 (--keep-rules: update the
                                         script files only)
  nudge validate <rules.json> [--catalog <feed.json>] [--widget <type>]... [--strict] [--json]
                                         check a rules file (and a catalog feed): every error and warning at once;
                                         exit 1 on errors, 0 on warnings only (1 with --strict). --widget names a
                                         widget type you register in code, like "settings.customWidgets"
  nudge build <rules.json> [-o <out.json>]
                                         validate and publish: writes the stamped file browsers use without
                                         downloading the validator (default <rules>.published.json)
  nudge simulate <rules.json> <timeline.json> [--json]
                                         replay a visitor's timeline with a fake clock: which widget shows
                                         when, and why; exit 1 when an "expect" step fails
  nudge collect [--db file] [--port N] [--origin URL ...]
                                         run the collector: the beacon's batches into a DuckDB file (default
                                         ./nudge-events.duckdb), the report at /report/ and /report.json
          [--clickhouse URL] [--postgres URL] [--webhook URL --webhook-secret S]
                                         at scale: events into ClickHouse, leads (POST /leads) and their
                                         queue in PostgreSQL, each lead forwarded to a signed webhook
          [--customer-secret S]          serve GET /customer: the card of the customer a signed token names
          [--offers offers.json] [--seed S]
                                         coupon pools, wheels and their odds, claim limits (docs/coupons.md);
                                         --seed makes draws and codes repeatable (tests only)
  nudge report [--db file | --clickhouse URL] [--json]
                                         the report of a collector's store, counted in the database
  nudge leads export [--db <file.duckdb> | --postgres <url>]
                                         every lead the collector stored, as CSV on stdout (default
                                         --db ./nudge-events.duckdb); formulas are defused for spreadsheets
  nudge customers import <orders.csv | customers.csv> [--db <file.duckdb> | --postgres <url>]
                                         the shop's orders export (or birthdays) for GET /customer: each
                                         customer's card (docs/customer-card.md); importing again is harmless
  nudge coupons import <POOL> <codes.csv> [--db <file.duckdb> | --postgres <url>]
                                         add a pool's unique codes (a CSV with a "code" column)
  nudge coupons status [--db <file.duckdb> | --postgres <url>]
                                         each pool's codes: total, claimed, used, left
  nudge coupons check <code> --pattern <pattern>
                                         whether a typed code passes its check character
  nudge schema                           print the rules file's JSON Schema
  nudge help                             print this`;

/** Runs the `nudge` command line; returns the exit code. */
export async function main(argv: string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    out(USAGE);
    return 0;
  }
  if (command === "schema") {
    out(JSON.stringify(rulesJsonSchema(), null, 2));
    return 0;
  }
  if (command === "validate" && rest[0]) return validateCommand(rest, out, err);
  if (command === "build") return (await import("./build-command.js")).buildCommand(rest, out, err);
  if (command === "init") {
    // Loaded only for this command, like simulate.
    const { initCommand } = await import("./init-command.js");
    return initCommand(rest, out, err);
  }
  if (command === "collect" || command === "report") {
    const { collectCommand, reportCommand } = await import("./collect-command.js");
    return (command === "collect" ? collectCommand : reportCommand)(rest, out, err);
  }
  if (command === "simulate" && rest.filter((a) => !a.startsWith("--")).length === 2) {
    const [rulesFile, timelineFile] = rest.filter((a) => !a.startsWith("--"));
    // Loaded only for this command: it brings the whole runtime.
    const { simulateCommand } = await import("./simulate-command.js");
    return simulateCommand(rulesFile, timelineFile, rest.includes("--json"), out, err);
  }
  if (command === "customers") return (await import("../collector/customers/customers-command.js")).customersCommand(rest, out, err);
  if (command === "leads") {
    const { leadsCommand } = await import("../collector/leads/leads-command.js");
    // CSV goes out as is (CRLF line ends): straight to stdout unless a caller captures it.
    return leadsCommand(rest, out === console.log ? (text) => void process.stdout.write(text) : out, err);
  }
  if (command === "coupons") return (await import("../collector/coupons/coupons-command.js")).couponsCommand(rest, out, err);
  err(USAGE);
  return 2;
}

/** Reads and checks a catalog feed; null (reported) when the file cannot be read or parsed. */
async function checkFeed(file: string | undefined, widgets: unknown, err: (text: string) => void) {
  if (!file) {
    err("--catalog: expected a file name after it");
    return null;
  }
  try {
    const { feedProblems } = await import("../catalog/check-feed.js");
    const feed = JSON.parse(await readFile(file, "utf8"));
    return feedProblems(feed, Array.isArray(widgets) ? widgets.filter((w) => w && typeof w === "object") : []);
  } catch (error) {
    err(`${file}: ${(error as Error).message}`);
    return null;
  }
}

/** Values of a repeated option: `--widget banner --widget quiz` → ["banner", "quiz"]. */
function optionValues(args: string[], name: string): string[] {
  return args.flatMap((arg, i) => (arg === name && args[i + 1] && !args[i + 1].startsWith("--") ? [args[i + 1]] : []));
}

/** `nudge validate`: errors then warnings, each with its path; exit 1 on errors (or on warnings with --strict). */
async function validateCommand(rest: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const file = rest[0];
  const strict = rest.includes("--strict");
  const read = await readRulesFile(file, err);
  if ("exit" in read) return read.exit;
  const { json, length } = read;
  const { rules, problems } = validateRules(json, length, { widgetTypes: optionValues(rest, "--widget") });
  const errors = problems.filter(isError);
  const warnings = problems.filter((p) => !isError(p));
  const feedFile = rest.includes("--catalog") ? (rest[rest.indexOf("--catalog") + 1] ?? "") : undefined;
  const feed = feedFile === undefined ? undefined : await checkFeed(feedFile, (json as { widgets?: [] })?.widgets, err);
  if (feed === null) return 2;
  const failed = errors.length > 0 || (strict && warnings.length > 0) || !!feed?.problems.length;
  if (rest.includes("--json")) {
    const catalog = feed && { file: feedFile, valid: !feed.problems.length, products: feed.products.length, problems: feed.problems };
    const report = { file, valid: errors.length === 0, widgets: rules?.widgets.length ?? 0, errors: errors.length, warnings: warnings.length, problems };
    out(JSON.stringify({ ...report, ...(catalog ? { catalog } : {}) }, null, 2));
    return failed ? 1 : 0;
  }
  const list = (title: string, items: RulesProblem[]) => {
    if (!items.length) return;
    err(title);
    for (const problem of items) err(`  ${problem.path}: ${problem.message}`);
  };
  if (!problems.length) out(`${file}: valid, ${rules!.widgets.length} widget(s)`);
  else {
    err(`${file}: ${problems.length} problem(s), ${errors.length} error(s) and ${warnings.length} warning(s)`);
    list("Errors (the widget, or the file, is skipped):", errors);
    list(`Warnings (${strict ? "fail with --strict" : "the widgets still run"}):`, warnings);
    err(rules ? `${rules.widgets.length} widget(s) are still usable.` : "The file cannot be used as it is.");
  }
  if (feed) {
    if (!feed.problems.length) out(`${feedFile}: valid, ${feed.products.length} product(s)`);
    else {
      err(`${feedFile}: ${feed.problems.length} problem(s)`);
      for (const problem of feed.problems) err(`  ${formatProblem(problem)}`);
      err(`${feed.products.length} product(s) are still usable.`);
    }
  }
  return failed ? 1 : 0;
}
