import * as z from "zod/mini";
import { builtinContentSchemas, schemas, widgetSchema } from "./rules-schema.js";

/**
 * The rules file's JSON Schema, generated from the same zod schemas the
 * runtime validates with. Editors use it for autocomplete and inline errors;
 * each built-in widget type gets its own `content` schema.
 */
export function rulesJsonSchema(): Record<string, unknown> {
  const { envelope } = schemas();
  const root = toJson(envelope);
  const widget = toJson(widgetSchema());
  widget.allOf = Object.entries(builtinContentSchemas()).map(([type, content]) => ({
    if: { properties: { type: { const: type } }, required: ["type"] },
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema if/then keyword, never awaited
    then: { properties: { content: toJson(content), variants: { type: "array", items: { type: "object", properties: { content: toJson(content) } } } } },
  }));
  const properties = root.properties as Record<string, Record<string, unknown>>;
  properties.widgets = { type: "array", items: widget, description: "The widgets: when each shows, how often, and what it says." };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://unpkg.com/nudge-sdk/dist/rules.schema.json",
    title: "Nudge rules file",
    ...root,
  };
}

function toJson(schema: z.ZodMiniType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
