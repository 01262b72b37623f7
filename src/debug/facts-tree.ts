import { findFact } from "../rules/facts-catalog.js";
import { element } from "./dom.js";

/** Branches the visitor opened, by path: kept across refreshes. */
export type OpenBranches = Set<string>;

const MAX_ROWS = 600;

/** The catalog's line on a path (`widgets.welcome.shown` → its `widgets.<id>.shown` entry). */
function describe(path: string): string {
  try {
    return findFact(path.replace(/\[\d+\]/g, ""))?.entry.description ?? "";
  } catch {
    return "";
  }
}

const isBranch = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const join = (path: string, key: string, array: boolean) => (array ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** Whether a branch holds a leaf whose path or description contains the query. */
function matches(path: string, value: unknown, query: string): boolean {
  if (!query) return true;
  if (path.toLowerCase().includes(query) || describe(path).toLowerCase().includes(query)) return true;
  if (!isBranch(value)) return typeof value === "string" && value.toLowerCase().includes(query);
  return Object.entries(value).some(([key, child]) => matches(join(path, key, Array.isArray(value)), child, query));
}

/**
 * The facts document as a tree of `<details>` (keyboard and screen-reader friendly), each row
 * with the catalog's description. A query keeps the rows whose path, description or text
 * value contains it, their branches opened.
 */
export function renderFactsTree(doc: Document, root: HTMLElement, facts: unknown, query: string, open: OpenBranches): void {
  const q = query.trim().toLowerCase();
  let rows = 0;
  const branch = (path: string, value: unknown, key: string): HTMLElement | undefined => {
    if (rows++ > MAX_ROWS || !matches(path, value, q)) return undefined;
    const about = describe(path);
    if (!isBranch(value)) {
      const leaf = element(doc, "div", "leaf");
      leaf.dataset.path = path;
      leaf.append(element(doc, "span", "key", key), ": ", element(doc, "span", "value", JSON.stringify(value) ?? "undefined"));
      if (about) leaf.append(element(doc, "span", "about", about));
      return leaf;
    }
    const node = element(doc, "details", "branch");
    node.dataset.path = path;
    node.open = !!q || open.has(path);
    node.addEventListener("toggle", () => {
      if (q) return;
      if (node.open) open.add(path);
      else open.delete(path);
    });
    const summary = element(doc, "summary", undefined, key);
    const size = Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
    summary.append(element(doc, "span", "size", ` ${size}`));
    if (about) summary.append(element(doc, "span", "about", about));
    node.append(summary);
    const array = Array.isArray(value);
    for (const [childKey, child] of Object.entries(value)) {
      const row = branch(join(path, childKey, array), child, array ? `[${childKey}]` : childKey);
      if (row) node.append(row);
    }
    return node;
  };
  const top = isBranch(facts) ? Object.entries(facts).flatMap(([key, value]) => branch(key, value, key) ?? []) : [];
  root.replaceChildren(...(top.length ? top : [element(doc, "p", "empty", q ? `no fact matches "${query.trim()}"` : "no facts")]));
}
