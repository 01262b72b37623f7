/**
 * CSS of the popup, adopted into Nudge's shadow root after `baseStyles`.
 * Class names only: no inline styles, no `<style>` elements (strict CSP).
 *
 * Theme with these custom properties (set on `:root` or the Nudge host element;
 * fallbacks and dark-scheme fallbacks are resolved in `widgets/shared/base-styles.ts`):
 *
 *   --nudge-brand           CTA background                 (#4338ca; dark #a5b4fc)
 *   --nudge-brand-contrast  CTA text                       (#fff; dark #111827)
 *   --nudge-surface         card background                (#fff; dark #1c1c22)
 *   --nudge-text            title and text                 (#111827; dark #f4f4f5)
 *   --nudge-muted           body text, "no thanks" link    (#5b6170; dark #a1a1aa)
 *   --nudge-radius          card corners; the CTA uses 5/8 of it (16px)
 *   --nudge-font            font stack                     (system-ui stack)
 *   --nudge-backdrop        colour over the page           (rgba(15,17,26,.55); dark rgba(0,0,0,.7))
 *
 * Layout: a centred card (image on top, or beside the text from 720px wide); below
 * 600px a bottom sheet that scrolls inside when taller than the screen. The image box has a fixed size, so nothing moves when it loads.
 * The first row of the head (eyebrow or title) keeps clear of the × in the top corner (36px at 12px from
 * the edge), on both sides so that it stays centred; a bar reserves the ×'s room in its body instead.
 *
 * The blocks loaded with their code bring their own CSS (`blocks.ts`): the lead form
 * `lead-form-styles.ts`, the countdown and coupon `shared/offer-styles.ts`; here and in
 * `layout-styles.ts` are only the rules that place them in a popup.
 */
export const popupStyles = /* css */ `
.nudge-popup{position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);z-index:2147483647;display:flex;align-items:center;justify-content:center;
padding:24px;overflow-y:auto;overscroll-behavior:contain;background:var(--_backdrop);
-webkit-backdrop-filter:blur(3px);backdrop-filter:blur(3px);animation:nudge-fade .2s ease-out}
.nudge-popup__card{position:relative;width:100%;max-width:440px;margin:auto;background:var(--_surface);
border-radius:var(--_radius);overflow:hidden;
box-shadow:0 0 0 1px var(--_line),0 2px 6px rgba(0,0,0,.06),0 24px 64px -12px rgba(0,0,0,.4);
animation:nudge-pop .32s cubic-bezier(.2,.9,.3,1.1)}
.nudge-popup__media{position:relative;aspect-ratio:16/9;background:var(--_line)}
.nudge-popup__media img{position:absolute;inset:0;width:100%;height:100%;object-fit:cover}
.nudge-popup__body{display:flex;flex-direction:column;align-items:center;padding:40px 32px 28px;text-align:center}
.nudge-popup__card--media .nudge-popup__body{padding-top:28px}
.nudge-popup__head{display:flex;flex-direction:column;align-items:center;width:100%}
.nudge-popup__head>:first-child{margin-inline:28px}
.nudge-popup__eyebrow{margin-bottom:12px;padding:4px 10px;border-radius:999px;font-size:12px;font-weight:700;
line-height:1.35;letter-spacing:.08em;text-transform:uppercase;color:var(--_brand);
background:color-mix(in srgb,var(--_brand) 12%,transparent)}
.nudge-popup__title{font-size:26px;font-weight:750;line-height:1.2;letter-spacing:-.015em;text-wrap:balance;
overflow-wrap:anywhere}
.nudge-popup__text{margin-top:10px;color:var(--_muted);text-wrap:pretty;overflow-wrap:anywhere}
.nudge-popup__actions{display:flex;flex-direction:column;align-items:stretch;gap:6px;width:100%;margin-top:28px}
.nudge-popup__cta{display:flex;align-items:center;justify-content:center;min-height:50px;padding:12px 24px;
border-radius:calc(var(--_radius)*.625);background:var(--_brand);color:var(--_on-brand);font-weight:650;
text-align:center;text-decoration:none;overflow-wrap:anywhere;
box-shadow:0 1px 2px rgba(0,0,0,.12),inset 0 1px 0 rgba(255,255,255,.12);
transition:background-color .15s,transform .15s}
.nudge-popup__cta:hover{background:color-mix(in srgb,var(--_brand) 88%,var(--_text))}
.nudge-popup__cta:active{transform:translateY(1px)}
.nudge-popup__cta--secondary{background:transparent;color:var(--_text);box-shadow:inset 0 0 0 1.5px var(--_line)}
.nudge-popup__cta--secondary:hover{background:color-mix(in srgb,var(--_text) 6%,transparent)}
.nudge-popup__timer{margin-top:22px}
.nudge-popup__body>.nudge-coupon{margin-top:22px}
.nudge-popup__body>.nudge-coupon+.nudge-popup__actions{margin-top:10px}
.nudge-lead__done .nudge-coupon{margin-top:12px}
.nudge-popup__dismiss{align-self:center;min-height:40px;padding:8px 12px;border-radius:8px;font-size:14px;
color:var(--_muted);text-decoration:underline;text-decoration-color:transparent;text-underline-offset:3px;
transition:color .15s,text-decoration-color .15s}
.nudge-popup__dismiss:hover{color:var(--_text);text-decoration-color:currentColor}
.nudge-popup__close{position:absolute;top:12px;inset-inline-end:12px;display:grid;place-items:center;
width:36px;height:36px;border-radius:999px;color:var(--_text);
background:color-mix(in srgb,var(--_surface) 82%,transparent);
-webkit-backdrop-filter:blur(6px);backdrop-filter:blur(6px);transition:background-color .15s}
.nudge-popup__close:hover{background:color-mix(in srgb,var(--_text) 10%,var(--_surface))}
.nudge-popup__close:focus-visible{outline-offset:1px}
@media (min-width:720px){
.nudge-popup__card--media{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,6fr);max-width:760px}
.nudge-popup__card--media .nudge-popup__media{aspect-ratio:auto;min-height:420px}
.nudge-popup__card--media .nudge-popup__body{justify-content:center;padding:48px 44px 36px}
.nudge-popup__card--media .nudge-popup__title{font-size:30px}}
@media (max-width:599.98px){
.nudge-popup{align-items:flex-end;padding:0}
.nudge-popup__card{max-width:none;max-height:calc(100% - 24px);margin:auto 0 0;overflow-y:auto;
overscroll-behavior:contain;border-radius:var(--_radius) var(--_radius) 0 0;
padding-bottom:env(safe-area-inset-bottom);animation:nudge-up .34s cubic-bezier(.2,.9,.3,1)}
.nudge-popup__media{aspect-ratio:2/1}
.nudge-popup__body{padding:36px 20px 16px}
.nudge-popup__head>:first-child{margin-inline:32px}
.nudge-popup__card--media .nudge-popup__body{padding-top:24px}
.nudge-popup__title{font-size:23px}}
@media (prefers-color-scheme:dark){
.nudge-popup__card{box-shadow:0 0 0 1px var(--_line),0 24px 64px -12px rgba(0,0,0,.8)}}
@keyframes nudge-fade{from{opacity:0}}
@keyframes nudge-pop{from{opacity:0;transform:translateY(12px) scale(.97)}}
@keyframes nudge-up{from{transform:translateY(100%)}}
`;
