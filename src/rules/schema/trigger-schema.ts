import * as z from "zod/mini";
import { duration } from "./duration-schema.js";

/** When a widget is due: the `trigger` of a widget in the rules file. */
export function triggerSchema() {
  return z.union([
    z.enum(["page_view", "manual"]),
    z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("page_view") }),
      z.strictObject({ type: z.literal("delay"), after: duration() }),
      z.strictObject({ type: z.literal("manual") }),
    ]),
  ]);
}

export type Trigger = z.infer<ReturnType<typeof triggerSchema>>;
