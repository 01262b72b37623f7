/**
 * CSS of the countdown-coupon widget, after `baseStyles`, `offerStyles` and the popup's layer CSS.
 * Theme: the `--nudge-*` properties of base-styles.ts, plus `--nudge-accent` (the timer digits).
 * A bar: title, timer, code and link on one row from 900px wide, wrapping below that.
 */
export const countdownCouponStyles = /* css */ `
.nudge-cc{position:relative;display:flex;flex-flow:row wrap;align-items:center;justify-content:center;gap:12px 28px;width:100%;
padding:14px 64px 14px 24px;background:var(--_surface);color:var(--_text);
box-shadow:0 -1px 0 var(--_line),0 -10px 30px -12px rgba(0,0,0,.3);animation:nudge-cc-up .34s cubic-bezier(.2,.9,.3,1)}
.nudge-cc--top-bar{box-shadow:0 1px 0 var(--_line),0 10px 30px -12px rgba(0,0,0,.3);animation-name:nudge-cc-down}
.nudge-cc--slide-in{flex-direction:column;align-items:stretch;gap:14px;width:auto;max-width:340px;padding:26px 22px 16px;
border-radius:var(--_radius);box-shadow:0 0 0 1px var(--_line),0 4px 12px rgba(0,0,0,.08),0 24px 48px -12px rgba(0,0,0,.35)}
.nudge-cc__head{min-width:0;max-width:420px}
.nudge-cc--slide-in .nudge-cc__head{padding-inline-end:24px}
.nudge-cc__title{font-size:18px;font-weight:750;line-height:1.3;letter-spacing:-.01em;overflow-wrap:anywhere}
.nudge-cc__text{margin-top:2px;font-size:14px;color:var(--_muted);overflow-wrap:anywhere}
.nudge-cc__timer{flex-direction:row;gap:10px}
.nudge-cc--slide-in .nudge-cc__timer{flex-direction:column;align-items:flex-start;gap:6px}
.nudge-cc .nudge-cd__unit{min-width:44px;padding:4px 3px}
.nudge-cc .nudge-cd__n{font-size:19px}
.nudge-cc .nudge-coupon{width:auto;min-width:240px}
.nudge-cc--slide-in .nudge-coupon{min-width:0}
.nudge-cc .nudge-coupon__label{text-align:start}
.nudge-cc .nudge-coupon__status:empty{margin-top:-2px}
.nudge-cc__cta{display:flex;align-items:center;justify-content:center;min-height:44px;padding:10px 20px;border-radius:calc(var(--_radius)*.625);
background:var(--_brand);color:var(--_on-brand);font-weight:650;text-decoration:none;white-space:nowrap;transition:background-color .15s}
.nudge-cc__cta:hover{background:color-mix(in srgb,var(--_brand) 88%,var(--_text))}
.nudge-cc__close{position:absolute;top:50%;margin-top:-18px;inset-inline-end:12px;display:grid;place-items:center;width:36px;height:36px;
border-radius:999px;color:var(--_text);transition:background-color .15s}
.nudge-cc--slide-in .nudge-cc__close{top:10px;margin-top:0;inset-inline-end:10px}
.nudge-cc__close:hover{background:color-mix(in srgb,var(--_text) 10%,var(--_surface))}
@media (max-width:599.98px){
.nudge-cc{justify-content:flex-start;gap:10px 14px;padding:12px 52px 12px 16px;padding-bottom:max(12px,env(safe-area-inset-bottom))}
.nudge-cc__head{flex-basis:100%}
.nudge-cc__title{font-size:16px}
.nudge-cc .nudge-coupon{min-width:0;flex:1 1 170px}
.nudge-cc__close{top:6px;margin-top:0;inset-inline-end:6px}
.nudge-cc--slide-in{max-width:none;width:100%}}
@keyframes nudge-cc-up{from{transform:translateY(100%)}}
@keyframes nudge-cc-down{from{transform:translateY(-100%)}}
`;
