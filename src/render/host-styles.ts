/**
 * Styles of the shadow host itself: a zero-size, fixed layer that never takes
 * part in the page's layout (no layout shift) and resets what the page's CSS
 * could pass down through inheritance.
 */
export const HOST_STYLES = `:host{all:initial!important;display:block!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;overflow:visible!important;z-index:var(--nudge-z,2147483000)!important;visibility:visible!important;opacity:1!important;transform:none!important;pointer-events:auto!important}`;

/**
 * An inline widget's host element: a block in the page's flow that the page's CSS cannot
 * restyle from outside (only its own `--nudge-*` custom properties pass through).
 */
export const INLINE_HOST_STYLES = `:host{all:initial!important;display:block!important;visibility:visible!important;opacity:1!important}`;
