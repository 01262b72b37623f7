/// <reference types="node" />
import { readFile } from "node:fs/promises";
import { jsonSyntaxProblem } from "../rules/json-syntax.js";

/**
 * Reads and parses a rules file for a CLI command. A JSON syntax error is reported with its line and
 * column (exit 1, a problem in the file); a file that cannot be read gives exit 2 (a usage problem).
 */
export async function readRulesFile(file: string, err: (text: string) => void): Promise<{ json: unknown; length: number } | { exit: 1 | 2 }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    err(`${file}: ${(error as Error).message}`);
    return { exit: 2 };
  }
  try {
    return { json: JSON.parse(text), length: text.length };
  } catch (error) {
    const syntax = jsonSyntaxProblem(text);
    err(`${file}: not valid JSON, ${syntax ? syntax.message : (error as Error).message}`);
    return { exit: 1 };
  }
}
