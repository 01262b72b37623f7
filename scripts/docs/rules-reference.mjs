// docs/rules-reference.md, generated from the rules file's JSON Schema (dist/rules.schema.json,
// what `nudge schema` prints) and the condition compiler's operator list, with the words and
// examples of rules-text.mjs. Throws when the schema has something the text does not cover.
import { CAPS, FIELDS, LIMITS, OPERATORS, TRIGGERS, WIDGET_TYPES } from "./rules-text.mjs";

const json = (value) => JSON.stringify(value);
const isDuration = (node) => node.anyOf?.length === 2 && node.anyOf[0].type === "number" && node.anyOf[1].pattern?.includes("ms|s|m|h|d|w");

/** The schema node's type in a few words: "duration", "integer ≥ 1", "one of \"a\", \"b\"". */
export function typeOf(node) {
  if (!node || Object.keys(node).length === 0) return "any";
  if (isDuration(node)) return 'duration ("30s", "15m", "2h", "7d", "1w" or seconds)';
  if (node.const !== undefined) return json(node.const);
  if (node.enum) return `one of ${node.enum.map(json).join(", ")}`;
  const forms = node.oneOf?.every((f) => f.properties?.type?.const) ? node.oneOf.map((f) => f.properties.type.const) : undefined;
  if (forms) return `{ "type": ${forms.map(json).join(" or ")}, … }`;
  if (node.anyOf || node.oneOf) return (node.anyOf ?? node.oneOf).map(typeOf).join(" or ");
  if (node.type === "array") return `array of ${typeOf(node.items)}`;
  if (node.type === "object") return node.properties ? "object" : node.additionalProperties || node.propertyNames ? "object (names → values)" : "object";
  const bounds = [];
  if (node.exclusiveMinimum !== undefined) bounds.push(`> ${node.exclusiveMinimum}`);
  if (node.minimum !== undefined) bounds.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined && node.maximum < 1e15) bounds.push(`≤ ${node.maximum}`);
  if (node.exclusiveMaximum !== undefined) bounds.push(`< ${node.exclusiveMaximum}`);
  if (node.minLength) bounds.push("not empty");
  if (node.pattern && node.type === "string") bounds.push(`matching \`${node.pattern}\``);
  return [node.type, ...bounds].join(" ");
}

/** Fields under `node`, depth first, as `[path, node, required]`; stops at the parts that have their own section. */
function fields(node, path, out, required = []) {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const at = path ? `${path}.${key}` : key;
    out.push([at, child, required.includes(key)]);
    if (
      [
        "widgets[].trigger",
        "widgets[].when",
        "widgets[].frequency",
        "widgets[].content",
        "widgets[].goal.where",
        "widgets[].variants[].content",
        "widgets[].variants[].trigger",
        "widgets[].variants[].frequency",
        "segments",
        "widgets",
      ].includes(at)
    )
      continue;
    if (child.type === "object" && child.properties) fields(child, at, out, child.required ?? []);
    if (child.type === "array" && child.items?.properties) fields(child.items, `${at}[]`, out, child.items.required ?? []);
    if (child.type === "object" && !child.properties && typeof child.additionalProperties === "object") {
      out.push([`${at}.*`, child.additionalProperties, false]);
      if (child.additionalProperties.properties) fields(child.additionalProperties, `${at}.*`, out, child.additionalProperties.required ?? []);
    }
  }
  return out;
}

function table(rows) {
  return [
    "| field | type | |",
    "| --- | --- | --- |",
    ...rows.map(([path, node, required]) => {
      const text = FIELDS[path];
      if (!text) throw new Error(`docs: no text for the rules file's "${path}" (add it to scripts/docs/rules-text.mjs)`);
      return `| \`${path}\`${required ? " (required)" : ""} | ${typeOf(node).replaceAll("|", "\\|")} | ${text} |`;
    }),
  ].join("\n");
}

/** Trigger names in the schema: the plain strings and each object form's `type`. */
export function triggerNames(schema) {
  const trigger = schema.properties.widgets.items.properties.trigger;
  const names = new Set();
  for (const option of trigger.anyOf) {
    for (const name of option.enum ?? []) names.add(name);
    for (const form of option.oneOf ?? []) names.add(form.properties.type.const);
  }
  return [...names];
}

function triggerForms(schema, name) {
  const trigger = schema.properties.widgets.items.properties.trigger;
  const form = trigger.anyOf.flatMap((o) => o.oneOf ?? []).find((f) => f.properties.type.const === name);
  const plain = trigger.anyOf.some((o) => o.enum?.includes(name));
  const options = form
    ? Object.entries(form.properties)
        .filter(([k]) => k !== "type")
        .map(([k, v]) => `\`${k}\`${form.required?.includes(k) ? " (required)" : ""}: ${typeOf(v)}`)
    : [];
  return { plain, options };
}

const code = (value) => ["```json", JSON.stringify(value, null, 2), "```"].join("\n");

/** The whole reference, as Markdown. `operators`: the compiler's operator names, in its order. */
export function rulesReference(schema, operators) {
  const widget = schema.properties.widgets.items;
  const out = [];
  out.push("# Rules file reference", "");
  out.push("<!-- Generated by `npm run docs` from dist/rules.schema.json (`nudge schema`) and scripts/docs/rules-text.mjs. Do not edit: a test fails when it is stale. -->", "");
  out.push(
    "Every field Nudge's rules file accepts, every trigger, condition operator, cap and built-in widget type, each with an example that the test suite validates. For how to try a file, see [the marketer's guide](marketer.md); ready-made campaigns are in [recipes](recipes.md).",
    "",
  );
  out.push(
    "## The file",
    "",
    table(
      fields({ properties: Object.fromEntries(Object.entries(schema.properties)) }, "", [], schema.required ?? []).filter(([p]) => !p.startsWith("widgets") || p === "widgets"),
    ),
    "",
  );
  out.push("## A widget", "", table(fields(widget, "widgets[]", [], widget.required ?? [])), "");

  out.push(
    "## Triggers",
    "",
    "`trigger` is a name, or an object with a `type` and its options.",
    "",
    "Every object form also takes `smartTiming` and `cancel`:",
    "",
    "- `smartTiming: true`: once the visitor's usual hour is known (`visitor.usualHour`, learned from the page views of at least two days), the trigger's moment waits for it: outside the hour before, the hour itself and the hour after (`visitor.activeNow`), the widget is held until that window opens, if the page is still open. `explain()` names the hour it waits for. A visitor with no known habit yet is treated as without it.",
    '- `cancel`: an event name or a list of them (`"add_to_cart"`). When one is tracked on the page, the widget is disarmed for the rest of the page view, and closed if it is on screen; `explain()` says which event called it off. The next page view arms it again (use `when` to keep it away for longer).',
    "",
    code({ trigger: { type: "delay", after: "40s", smartTiming: true, cancel: ["add_to_cart", "begin_checkout"] } }),
    "",
  );
  for (const name of triggerNames(schema)) {
    const doc = TRIGGERS[name];
    if (!doc) throw new Error(`docs: trigger "${name}" has no text or example in scripts/docs/rules-text.mjs`);
    const { plain, options } = triggerForms(schema, name);
    out.push(`### \`${name}\``, "", doc.text, "");
    if (plain) out.push(`Also written as the string \`"${name}"\`.`, "");
    if (options.length) out.push(`Options: ${options.join("; ")}.`, "");
    out.push(code({ trigger: doc.example }), "");
  }
  for (const name of Object.keys(TRIGGERS)) if (!triggerNames(schema).includes(name)) throw new Error(`docs: trigger "${name}" is documented but not in the schema`);

  out.push(
    "## Conditions",
    "",
    "`when`, `segments` and `goal.where` are MongoDB-style conditions over the facts document, with GrowthBook's semantics: dotted paths (`cart.value`), a plain value means equality, an array field matches when one of its items does, and a missing field fails every test except `$exists: false` and `$ne`/`$nin`. The facts are listed in the [README](../README.md#write-the-rules-marketers).",
    "",
  );
  out.push("| operator | tests | example |", "| --- | --- | --- |");
  for (const name of operators) {
    const doc = OPERATORS[name];
    if (!doc) throw new Error(`docs: operator "${name}" has no text or example in scripts/docs/rules-text.mjs`);
    out.push(`| \`${name}\` | ${doc.text.replaceAll("|", "\\|")} | \`${json(doc.example).replaceAll("|", "\\|")}\` |`);
  }
  for (const name of Object.keys(OPERATORS)) if (!operators.includes(name)) throw new Error(`docs: operator "${name}" is documented but the compiler does not know it`);
  out.push("");

  out.push("## Caps", "", "A widget's `frequency` caps it; `settings` caps all widgets together. A visit (session) ends after 30 minutes without activity.", "");
  const frequency = widget.properties.frequency;
  const capNames = [
    ...Object.keys(frequency.properties)
      .filter((k) => k !== "cooldown")
      .map((k) => `frequency.${k}`),
    ...Object.keys(frequency.properties.cooldown.properties).map((k) => `frequency.cooldown.${k}`),
  ];
  for (const name of [...capNames, "settings.quietPeriod", "settings.maxPerPage", "settings.maxPerSession", "settings.groups.*.maxPerSession"]) {
    const doc = CAPS[name];
    if (!doc) throw new Error(`docs: cap "${name}" has no text or example in scripts/docs/rules-text.mjs`);
    out.push(`- \`${name}\`: ${doc.text} \`${json(doc.frequency ? { frequency: doc.frequency } : { settings: doc.settings })}\``);
  }
  out.push("");

  out.push(
    "## Limits",
    "",
    "What a rules file may hold is paid for on every page view, so the validator (`nudge validate`, and the browser when the file changes) refuses what would cost too much, naming the path and what to do instead.",
    "",
    ...LIMITS.map((line) => `- ${line}`),
    "",
  );

  out.push("## Widget types", "", 'Built-in types check their `content` (below); a type of your own (`registerWidget("banner", …)`) takes any content.', "");
  for (const rule of widget.allOf ?? []) {
    const type = rule.if.properties.type.const;
    const doc = WIDGET_TYPES[type];
    if (!doc) throw new Error(`docs: widget type "${type}" has no text or example in scripts/docs/rules-text.mjs`);
    const content = rule.then.properties.content;
    out.push(`### \`${type}\``, "", doc.text, "", "| content field | type |", "| --- | --- |");
    for (const [key, node] of Object.entries(content.properties)) {
      const inner = node.properties
        ? ` { ${Object.entries(node.properties)
            .map(([k, v]) => `${k}${node.required?.includes(k) ? "" : "?"}: ${typeOf(v)}`)
            .join(", ")} }`
        : "";
      out.push(`| \`${key}\`${content.required?.includes(key) ? " (required)" : ""} | ${(typeOf(node) + inner).replaceAll("|", "\\|")} |`);
    }
    out.push("", code({ id: `my-${type}`, type, content: doc.content }), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
