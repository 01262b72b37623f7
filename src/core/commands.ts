import { rejected } from "./arguments.js";

/**
 * Runs one command of the script-tag queue on an instance: `["track", "signup", {…}]`,
 * `["cart.add", item]`, or a function called with the instance. Throws an
 * `ArgumentProblem` for anything else (the caller turns it into a warning).
 */
export function runCommand(instance: object, command: unknown): number {
  if (typeof command === "function") {
    command(instance);
    return 0;
  }
  if (!Array.isArray(command) || typeof command[0] !== "string") throw rejected("push()", "command");
  const [method, ...rest] = command as [string, ...unknown[]];
  const target = COMMANDS.has(method) ? resolveCommand(instance, method) : undefined;
  if (!target) throw rejected("push()", "unknownCommand", method);
  target(...rest);
  return 0;
}

const COMMANDS = new Set([
  "track",
  "page",
  "identify",
  "cart.add",
  "cart.remove",
  "cart.set",
  "cart.clear",
  "purchase",
  "viewItem",
  "search",
  "consent",
  "forget",
  "show",
  "hide",
  "on",
  "registerWidget",
]);

function resolveCommand(instance: object, method: string): ((...a: unknown[]) => unknown) | undefined {
  const [first, second] = method.split(".");
  const owner = second ? (instance as Record<string, Record<string, unknown>>)[first] : (instance as Record<string, unknown>);
  const fn = owner?.[second ?? first];
  return typeof fn === "function" ? (fn as (...a: unknown[]) => unknown) : undefined;
}
