import { closest } from "../../src/rules/problems.js";
import type { ChatbotContent, ChatNode } from "./schema.js";

/** One problem in a dialogue tree, at its path inside `content`. */
export interface TreeProblem {
  path: Array<string | number>;
  message: string;
}

/** Where a node goes next, each with the path of the field that says so. */
export function links(node: ChatNode): Array<{ path: Array<string | number>; next: string }> {
  const out: Array<{ path: Array<string | number>; next: string }> = [];
  const add = (next: string | undefined, ...path: Array<string | number>) => next !== undefined && out.push({ path, next });
  if (node.type === "choice" || node.type === "ask") node.replies?.forEach((reply, i) => add(reply.next, "replies", i, "next"));
  if (node.type === "branch") {
    node.branches.forEach((branch, i) => add(branch.next, "branches", i, "next"));
    add(node.else, "else");
  }
  if (node.type !== "branch" && node.type !== "choice" && node.type !== "end") add(node.next, "next");
  return out;
}

/** Nodes that go on by themselves, without waiting for the visitor. */
export const isAutomatic = (node: ChatNode) => node.type === "message" || node.type === "branch" || node.type === "handoff";

/**
 * Cross-references of a dialogue tree: `start` and every `next` name a node, every node is
 * reachable from `start`, and no loop goes round without waiting for the visitor.
 *
 * @example
 * treeProblems({ name: "Mia", start: "hi", nodes: { hi: { type: "message", say: "Hi", next: "bye" } } });
 * // [{ path: ["nodes", "hi", "next"], message: 'no node "bye"' }]
 */
export function treeProblems(content: Pick<ChatbotContent, "start" | "nodes">): TreeProblem[] {
  const { nodes, start } = content;
  const ids = Object.keys(nodes);
  const has = (id: string) => Object.prototype.hasOwnProperty.call(nodes, id);
  const problems: TreeProblem[] = [];
  const missing = (id: string) => {
    const suggestion = closest(id, ids);
    return `no node "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`;
  };
  if (!has(start)) problems.push({ path: ["start"], message: missing(start) });
  for (const id of ids) for (const link of links(nodes[id])) if (!has(link.next)) problems.push({ path: ["nodes", id, ...link.path], message: missing(link.next) });
  if (!has(start)) return problems;

  const reached = new Set([start]);
  const queue = [start];
  while (queue.length) for (const { next } of links(nodes[queue.shift()!])) if (has(next) && !reached.has(next)) reached.add(next), queue.push(next);
  for (const id of ids) if (!reached.has(id)) problems.push({ path: ["nodes", id], message: `never reached: no "next" leads here from "${start}"` });

  // A loop of nodes that never wait would run forever: depth-first search over automatic nodes.
  const state = new Map<string, "open" | "done">();
  const visit = (id: string, trail: string[]): void => {
    state.set(id, "open");
    for (const { next } of links(nodes[id])) {
      if (!has(next) || !isAutomatic(nodes[next])) continue;
      if (state.get(next) === "open") {
        const path = [...trail, id];
        const loop = [...path.slice(path.indexOf(next)), next];
        problems.push({ path: ["nodes", id], message: `loops back (${loop.join(" → ")}) without waiting for the visitor: add a "choice" or "ask" node to the loop` });
      } else if (!state.has(next)) visit(next, [...trail, id]);
    }
    state.set(id, "done");
  };
  for (const id of ids) if (isAutomatic(nodes[id]) && !state.has(id)) visit(id, []);
  return problems;
}
