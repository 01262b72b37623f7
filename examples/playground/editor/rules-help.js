// What the editor knows about a place in the rules file: the JSON Schema node(s) there (from
// `nudge schema`, the one the validator checks with), the reference's words on each field,
// trigger and operator, and inside conditions the facts catalog (paths, enum values, descriptions).
// From that: the keys and values to offer, and the text to show on hover.
import { keysOf, stringProperty } from "./json-tree.js";

const CONDITION_KEYS = ["$and", "$or", "$nor", "$not", "$segment", "$event"];
const EVENT_KEYS = {
  name: "The event's name.",
  within: 'A time window, e.g. "7d".',
  count: 'How many times, e.g. { "$gte": 2 }.',
  where: "A condition on its props.",
  lastWithin: "The last one was at most this long ago.",
  notWithin: "None in this long.",
};

/**
 * @param {object} deps
 * @param {object} deps.schema the rules file's JSON Schema
 * @param {object} deps.reference `{ FIELDS, TRIGGERS, OPERATORS, WIDGET_TYPES }` (scripts/docs/rules-text.mjs)
 * @param {object} deps.catalog `{ FACTS, BUILTIN_EVENTS, findFact }` (src/rules/facts-catalog.ts)
 */
export function createRulesHelp({ schema, reference, catalog }) {
  const { FIELDS, TRIGGERS, OPERATORS, WIDGET_TYPES } = reference;
  const valueOperators = Object.keys(OPERATORS).filter((op) => !CONDITION_KEYS.includes(op));
  const facts = catalog.FACTS.filter((f) => !f.path.includes("[]"));

  /** Schema alternatives (anyOf, oneOf, if/then on the widget's type) that apply to this object. */
  function expand(nodes, state, object) {
    const out = [];
    const visit = (node) => {
      if (!node || typeof node !== "object") return;
      out.push(node);
      for (const key of ["anyOf", "oneOf"]) for (const alt of node[key] ?? []) visit(alt);
      for (const part of node.allOf ?? []) {
        const wanted = part.if?.properties?.type?.const;
        if (wanted === undefined || (object && stringProperty(state, object, "type") === wanted)) visit(part.then);
      }
    };
    for (const node of nodes) visit(node);
    // A branch that fixes `type` to another value than the object's is not this object's (while `type` is
    // still being written, every branch is).
    const type = object ? stringProperty(state, object, "type") : undefined;
    if (type === undefined || !out.some((node) => node.properties?.type?.const === type)) return out;
    return out.filter((node) => node.properties?.type?.const === undefined || node.properties.type.const === type);
  }

  /**
   * Follows the steps from the root: the schema nodes there and the reference's name for the
   * place (`widgets[].trigger`), or, inside a condition, where in it (`{ condition }`).
   */
  function locate(state, steps) {
    let nodes = [schema];
    let name = "";
    let condition;
    for (const step of steps) {
      if (condition) {
        condition = conditionStep(condition, step);
        continue;
      }
      const here = expand(nodes, state, step.object);
      if (step.index !== undefined) {
        nodes = here.flatMap((n) => (n.items ? [n.items] : []));
        name += "[]";
      } else {
        nodes = here.flatMap((n) =>
          n.properties && step.key in n.properties
            ? [n.properties[step.key]]
            : n.additionalProperties && typeof n.additionalProperties === "object"
              ? [n.additionalProperties]
              : [],
        );
        const named = here.some((n) => n.properties && step.key in n.properties);
        name += `${name ? "." : ""}${named ? step.key : "*"}`;
        if (name === "widgets[].when" || name === "segments.*") condition = { at: "condition" };
      }
    }
    return { nodes, name, condition };
  }

  /** One step inside a condition: which part of it the next place is. */
  function conditionStep(where, step) {
    if (where.at === "condition") {
      if (step.key === "$and" || step.key === "$or" || step.key === "$nor") return { at: "list" };
      if (step.key === "$not") return { at: "condition" };
      if (step.key === "$segment") return { at: "segment" };
      if (step.key === "$event") return { at: "event" };
      if (step.key !== undefined) return { at: "fact", fact: step.key };
    }
    if (where.at === "list" && step.index !== undefined) return { at: "condition" };
    if (where.at === "fact" && step.key !== undefined) {
      if (step.key === "$elemMatch") return { at: "condition" };
      if (step.key === "$in" || step.key === "$nin" || step.key === "$all") return { at: "values", fact: where.fact };
      if (step.key === "$not") return where;
      return { at: "operand", fact: where.fact, op: step.key };
    }
    if (where.at === "values" && step.index !== undefined) return { at: "operand", fact: where.fact };
    if (where.at === "event" && step.key !== undefined) return { at: step.key === "name" ? "event-name" : "event-field" };
    return { at: "other" };
  }

  const factOption = (f) => ({
    label: f.path.replace(/<(\w+)>/g, "…"),
    apply: f.path.includes("<") ? f.path.replace(/<\w+>.*$/, "") : f.path,
    type: "property",
    detail: f.type,
    info: factInfo(f),
  });
  const factInfo = (f) =>
    [f.description, f.values ? `One of: ${f.values.join(", ")}.` : "", f.unit ? `Unit: ${f.unit}.` : "", f.example !== undefined ? `Example: ${JSON.stringify(f.example)}` : ""]
      .filter(Boolean)
      .join("\n");
  const operatorOption = (op) => ({ label: op, type: "keyword", info: OPERATORS[op]?.text });

  /** Keys to offer in `object` (reached by `steps`), leaving out those it has. */
  function keys(state, steps, object) {
    const { nodes, name, condition } = locate(state, steps);
    const taken = new Set(keysOf(state, object));
    let options;
    if (condition?.at === "condition") options = [...CONDITION_KEYS.map(operatorOption), ...facts.map(factOption)];
    else if (condition?.at === "fact") options = valueOperators.map(operatorOption);
    else if (condition?.at === "event") options = Object.entries(EVENT_KEYS).map(([label, info]) => ({ label, type: "property", info }));
    else if (condition) options = [];
    else {
      const seen = new Set();
      options = [];
      for (const node of expand(nodes, state, object)) {
        for (const key of Object.keys(node.properties ?? {})) {
          if (seen.has(key)) continue;
          seen.add(key);
          options.push({ label: key, type: "property", detail: typeText(node.properties[key]), info: FIELDS[`${name}${name ? "." : ""}${key}`] });
        }
      }
    }
    return options.filter((o) => !taken.has(o.apply ?? o.label));
  }

  /** Values to offer at `steps`: enum and const values, booleans, segment and event names, widget types. */
  function values(state, steps) {
    const { nodes, name, condition } = locate(state, steps);
    if (condition) {
      if (condition.at === "segment") return segmentNames(state).map((label) => ({ label, type: "variable" }));
      if (condition.at === "event-name") return catalog.BUILTIN_EVENTS.map((e) => ({ label: e.name, type: "event", info: e.description }));
      if (condition.at === "fact" || condition.at === "operand" || condition.at === "values") {
        const fact = catalog.findFact(condition.fact)?.entry;
        if (fact?.values) return fact.values.map((label) => ({ label, type: "enum" }));
        if (fact?.type === "boolean") return ["true", "false"].map((label) => ({ label, type: "constant", raw: true }));
      }
      return [];
    }
    const options = [];
    const seen = new Set();
    const add = (value, info) => {
      const label = typeof value === "string" ? value : JSON.stringify(value);
      if (seen.has(label)) return;
      seen.add(label);
      options.push({ label, type: typeof value === "string" ? "enum" : "constant", raw: typeof value !== "string", info });
    };
    const widgetType = name === "widgets[].type" || name === "widgets[].trigger" || name === "widgets[].trigger.type";
    for (const node of expand(nodes, state, undefined)) {
      for (const value of node.enum ?? []) add(value, widgetType ? TRIGGERS[value]?.text : undefined);
      if (node.const !== undefined) add(node.const, name === "widgets[].trigger.type" ? TRIGGERS[node.const]?.text : undefined);
      if (node.type === "boolean") [true, false].forEach((v) => add(v));
    }
    if (name === "widgets[].type") for (const [type, about] of Object.entries(WIDGET_TYPES)) add(type, about.text);
    return options;
  }

  function segmentNames(state) {
    try {
      return Object.keys(JSON.parse(state.doc.toString()).segments ?? {});
    } catch {
      return [...state.doc.toString().matchAll(/"segments"\s*:\s*\{|"([\w-]+)"\s*:\s*\{\s*"/g)].map((m) => m[1]).filter(Boolean);
    }
  }

  /** Hover text for the key or value at `steps` (a key's steps end at its own property). */
  function describe(state, steps, on, value) {
    const last = steps[steps.length - 1];
    const { name, condition, nodes } = locate(state, steps);
    if (condition) {
      if (on === "key" && last?.key in OPERATORS) return { title: last.key, text: OPERATORS[last.key].text };
      if (on === "key" && condition.at === "fact") return factText(last.key);
      if (on === "value" && condition.at === "event-name") {
        const event = catalog.BUILTIN_EVENTS.find((e) => e.name === value);
        return event ? { title: `event "${event.name}"`, text: `${event.description}${event.props.length ? `\nProps: ${event.props.join(", ")}.` : ""}` } : undefined;
      }
      if (on === "value" && condition.fact) return factText(condition.fact);
      if (on === "key" && condition.at === "event-field") return { title: last.key, text: EVENT_KEYS[last.key] };
      return undefined;
    }
    if (on === "value" && typeof value === "string") {
      if (name === "widgets[].type" && WIDGET_TYPES[value]) return { title: `widget type "${value}"`, text: WIDGET_TYPES[value].text };
      if ((name === "widgets[].trigger" || name === "widgets[].trigger.type") && TRIGGERS[value]) return { title: `trigger "${value}"`, text: TRIGGERS[value].text };
    }
    const text = FIELDS[name] ?? (name.startsWith("widgets[].trigger.") ? TRIGGERS[stringPropertyAt(state, steps)]?.text : undefined);
    const type = nodes.length ? nodes.map(typeText).filter(Boolean).join(" or ") : "";
    if (!text && !type) return undefined;
    return { title: `${name}${type ? `: ${type}` : ""}`, text: text ?? "" };
  }

  const stringPropertyAt = (state, steps) => stringProperty(state, steps[steps.length - 1]?.object, "type");

  function factText(path) {
    const match = catalog.findFact(path);
    if (!match) return { title: path, text: "Not a fact Nudge knows: check the spelling (the validator suggests the closest)." };
    return { title: `${path}: ${match.entry.type}`, text: factInfo(match.entry) };
  }

  return { keys, values, describe, locate };
}

/** A short type of a schema node: `string`, `"page_view" | "manual"`, `number ≥ 0`. */
export function typeText(node) {
  if (!node || typeof node !== "object") return "";
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (node.const !== undefined) return JSON.stringify(node.const);
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeText))].filter(Boolean).join(" | ");
  let text = node.type ?? "";
  if (node.minimum !== undefined) text += ` ≥ ${node.minimum}`;
  if (node.exclusiveMinimum !== undefined) text += ` > ${node.exclusiveMinimum}`;
  if (node.maximum !== undefined && node.maximum < 2 ** 53 - 1) text += ` ≤ ${node.maximum}`;
  return text;
}
