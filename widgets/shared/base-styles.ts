/**
 * Base CSS shared by every widget, adopted into Nudge's shadow root before the
 * widget's own CSS. Widgets put the class `nudge-w` on their outermost element.
 *
 * Theme: sites set these custom properties on `:root` or on Nudge's host element
 * (custom properties inherit into the shadow root; nothing else from the page does).
 * Each has a light fallback and a dark one under `prefers-color-scheme: dark`; a
 * value the site sets wins in both schemes (set it inside the site's own
 * `prefers-color-scheme` query to vary it).
 *
 *   --nudge-brand           primary button background         #4338ca  / dark #a5b4fc
 *   --nudge-brand-contrast  text on the primary button        #ffffff  / dark #111827
 *   --nudge-surface         card background                   #ffffff  / dark #1c1c22
 *   --nudge-text            main text colour                  #111827  / dark #f4f4f5
 *   --nudge-muted           secondary text (eyebrow, links)   #5b6170  / dark #a1a1aa
 *   --nudge-radius          corner radius of cards            16px
 *   --nudge-font            font stack                        system-ui stack
 *   --nudge-backdrop        dimmed page behind modals         rgba(15, 17, 26, .55) / dark .7
 *
 * Element resets are wrapped in `:where()` (zero specificity), so any single class
 * in a widget's CSS overrides them.
 *
 * Widgets read the resolved `--_brand`, `--_on-brand`, `--_surface`, `--_text`,
 * `--_muted`, `--_radius`, `--_backdrop` instead of repeating the fallbacks.
 */
export const baseStyles = /* css */ `
.nudge-w{all:initial;display:block;
--_brand:var(--nudge-brand,#4338ca);--_on-brand:var(--nudge-brand-contrast,#fff);
--_surface:var(--nudge-surface,#fff);--_text:var(--nudge-text,#111827);
--_muted:var(--nudge-muted,#5b6170);--_line:color-mix(in srgb,var(--_text) 12%,transparent);
--_radius:var(--nudge-radius,16px);--_backdrop:var(--nudge-backdrop,rgba(15,17,26,.55));
font-family:var(--nudge-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
font-size:16px;line-height:1.5;color:var(--_text);-webkit-font-smoothing:antialiased;
-webkit-text-size-adjust:100%;text-size-adjust:100%}
@media (prefers-color-scheme:dark){.nudge-w{color-scheme:dark;
--_brand:var(--nudge-brand,#a5b4fc);--_on-brand:var(--nudge-brand-contrast,#111827);
--_surface:var(--nudge-surface,#1c1c22);--_text:var(--nudge-text,#f4f4f5);
--_muted:var(--nudge-muted,#a1a1aa);--_backdrop:var(--nudge-backdrop,rgba(0,0,0,.7))}}
:where(.nudge-w) *,:where(.nudge-w) *::before,:where(.nudge-w) *::after{box-sizing:border-box}
:where(.nudge-w) :where(h1,h2,h3,p){margin:0;font:inherit;letter-spacing:inherit}
:where(.nudge-w) :where(img,svg){display:block;max-width:100%}
:where(.nudge-w) button{font:inherit;color:inherit;background:none;border:0;margin:0;padding:0;
cursor:pointer;text-align:inherit;-webkit-tap-highlight-color:transparent}
:where(.nudge-w) a{color:inherit;-webkit-tap-highlight-color:transparent}
:where(.nudge-w) :focus{outline:none}
:where(.nudge-w) :focus-visible{outline:2px solid var(--_brand);outline-offset:3px}
@media (prefers-reduced-motion:reduce){.nudge-w,.nudge-w *,.nudge-w *::before,.nudge-w *::after{
animation:none!important;transition:none!important;scroll-behavior:auto!important}}
`;
