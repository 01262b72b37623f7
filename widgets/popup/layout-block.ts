/**
 * The CSS of the popup's other layouts (slide-in, bars, fullscreen, inline) and of its teaser, loaded
 * by a popup that uses one (see `blocks.ts`): a plain modal popup never downloads it.
 */
export { layoutStyles as styles } from "./layout-styles.js";
