/** The lead form block of a popup and its CSS: one chunk, loaded by a popup with a `form` (see `blocks.ts`). */
export { LeadForm } from "./lead-form.js";
export { leadFormStyles as styles } from "./lead-form-styles.js";
