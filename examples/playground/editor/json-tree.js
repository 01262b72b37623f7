// Where the cursor is in the rules file, read from CodeMirror's JSON syntax tree: the chain of
// objects and arrays from the root down to it, and whether a key or a value is being written.
// The tree survives half-typed text (error recovery), so this works while the file is not JSON yet.
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";

// The whole tree, not what the background parser has reached so far: on a slow or busy machine an
// incomplete parse made the text just typed look like a key where a value belongs.
const fullTree = (state) => ensureSyntaxTree(state, state.doc.length, 250) ?? syntaxTree(state);

/** A string token's text without its quotes (a key or value half typed may lack the closing one). */
export function unquote(state, node) {
  const raw = state.doc.sliceString(node.from, node.to);
  try {
    return JSON.parse(raw);
  } catch {
    return raw.replace(/^"|"$/g, "");
  }
}

/** The key of a Property node. */
function keyOf(state, property) {
  const name = property.getChild("PropertyName");
  return name ? unquote(state, name) : undefined;
}

/** The value node of a Property (the node after the colon), if written. */
function valueNode(property) {
  for (let child = property.firstChild; child; child = child.nextSibling) {
    if (child.name !== "PropertyName" && child.name !== ":" && child.name !== "⚠") return child;
  }
  return undefined;
}

/** A string property of an Object node, e.g. the widget's `type` (to know which content schema applies). */
export function stringProperty(state, object, key) {
  for (let child = object?.firstChild; child; child = child.nextSibling) {
    if (child.name !== "Property" || keyOf(state, child) !== key) continue;
    const value = valueNode(child);
    return value?.name === "String" ? unquote(state, value) : undefined;
  }
  return undefined;
}

/** The keys an Object node already has. */
export function keysOf(state, object) {
  const keys = [];
  for (let child = object?.firstChild; child; child = child.nextSibling) if (child.name === "Property") keys.push(keyOf(state, child));
  return keys;
}

/**
 * The steps from the root to `node`: `{ key }` into an object's property, `{ index }` into an
 * array's item; each step carries the Object node it leaves (`object`), for what its siblings say.
 */
export function stepsTo(state, node) {
  const steps = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.name === "Property" && child.name !== "PropertyName") {
      const key = keyOf(state, parent);
      if (key !== undefined) steps.unshift({ key, object: parent.parent });
    } else if (parent.name === "Array" && child.name !== "[" && child.name !== "]" && child.name !== ",") {
      let index = 0;
      for (let sibling = parent.firstChild; sibling && sibling.from < child.from; sibling = sibling.nextSibling) {
        if (!["[", "]", ",", "⚠"].includes(sibling.name)) index++;
      }
      steps.unshift({ index });
    }
  }
  return steps;
}

/** `widgets[0].trigger.type`: the form Nudge's problems name paths with. */
export function pathText(steps) {
  let path = "";
  for (const step of steps) path += step.index !== undefined ? `[${step.index}]` : path ? `.${step.key}` : step.key;
  return path;
}

/**
 * What is being written at `pos`:
 * - `{ kind: "key", object, steps, from, to }`: a key of `object` (steps lead to that object);
 * - `{ kind: "value", steps, from, to, quoted }`: the value at `steps`;
 * `from`/`to` is the token to replace (a string, with its quotes), or the empty range at `pos`.
 * Undefined where nothing is expected (inside a number, outside the root).
 */
export function contextAt(state, pos) {
  const tree = fullTree(state);
  let node = tree.resolveInner(pos, -1);
  const token = node.name === "PropertyName" || node.name === "String" ? node : undefined;
  const range = token ? { from: token.from, to: token.to, quoted: true } : { from: pos, to: pos, quoted: false };
  if (node.name === "⚠" && node.parent) node = node.parent;
  if (node.name === "PropertyName") return { kind: "key", object: node.parent.parent, steps: stepsTo(state, node.parent.parent), ...range };
  if (node.name === "String" && node.parent?.name === "Property") return { kind: "value", steps: stepsTo(state, node), ...range };
  if (node.name === "String" && node.parent?.name === "Array") return { kind: "value", steps: stepsTo(state, node), ...range };
  if (node.name === "Object" || (node.name === "{" && node.parent) || node.name === ",") {
    const object = node.name === "Object" ? node : node.parent;
    if (object?.name === "Object") {
      // An unquoted word being typed as a key: recovery may leave it in an error node; replace it too.
      const before = state.doc.sliceString(Math.max(object.from, pos - 60), pos);
      const word = /"?[\w$.-]*$/.exec(before)[0];
      return { kind: "key", object, steps: stepsTo(state, object), from: pos - word.length, to: pos, quoted: word.startsWith('"') };
    }
    if (object?.name === "Array") return { kind: "value", steps: [...stepsTo(state, object), { index: 0 }], ...range };
  }
  if (node.name === "Property") {
    // After the colon, before a value.
    const colon = node.getChild(":");
    if (colon && pos >= colon.to) return { kind: "value", steps: [...stepsTo(state, node.parent), { key: keyOf(state, node), object: node.parent }], ...range };
    return { kind: "key", object: node.parent, steps: stepsTo(state, node.parent), from: node.from, to: pos, quoted: true };
  }
  if (node.name === "Array" || node.name === "[") {
    const array = node.name === "Array" ? node : node.parent;
    return { kind: "value", steps: [...stepsTo(state, array), { index: 0 }], ...range };
  }
  if (["True", "False", "Null"].includes(node.name)) return { kind: "value", steps: stepsTo(state, node), from: node.from, to: node.to, quoted: false };
  return undefined;
}

/** The steps to the key or value under the pointer (hover): on a key, the path to its property. */
export function hoverAt(state, pos, side) {
  const node = fullTree(state).resolveInner(pos, side);
  if (node.name === "PropertyName") {
    const property = node.parent;
    return { from: node.from, to: node.to, steps: [...stepsTo(state, property.parent), { key: keyOf(state, property), object: property.parent }], on: "key" };
  }
  if (["String", "Number", "True", "False", "Null"].includes(node.name)) {
    return { from: node.from, to: node.to, steps: stepsTo(state, node), on: "value", value: node.name === "String" ? unquote(state, node) : undefined };
  }
  return undefined;
}
