/**
 * CSS of the popup's non-default layouts (slide-in, bars, fullscreen, inline) and of its teaser
 * (with `.nudge-sr`, text only screen readers get), after `popupStyles`. Same theme properties; the
 * overlay layouts sit in `.nudge-layer`, a see-through layer over the visible part of the page that
 * lets clicks through around the card.
 */
export const layoutStyles = /* css */ `
.nudge-popup__card--slide-in{margin:0;max-width:384px;max-height:100%;overflow-y:auto;overscroll-behavior:contain;
box-shadow:0 0 0 1px var(--_line),0 4px 12px rgba(0,0,0,.08),0 24px 48px -12px rgba(0,0,0,.35);animation:nudge-slide .36s cubic-bezier(.2,.9,.3,1)}
.nudge-layer--bottom-left .nudge-popup__card--slide-in,.nudge-layer--top-left .nudge-popup__card--slide-in{animation-name:nudge-slide-l}
.nudge-popup__card--slide-in .nudge-popup__media{aspect-ratio:2/1}
.nudge-popup__card--slide-in .nudge-popup__body{padding:30px 24px 20px}
.nudge-popup__card--slide-in .nudge-popup__title{font-size:21px}
.nudge-popup__card--slide-in .nudge-popup__actions{margin-top:20px}
.nudge-popup__card--bar{margin:0;max-width:none;width:100%;border-radius:0;overflow:visible;
box-shadow:0 -1px 0 var(--_line),0 -10px 30px -12px rgba(0,0,0,.3);animation:nudge-up .34s cubic-bezier(.2,.9,.3,1)}
.nudge-popup__card--top-bar{box-shadow:0 1px 0 var(--_line),0 10px 30px -12px rgba(0,0,0,.3);animation-name:nudge-down}
.nudge-popup__card--bar .nudge-popup__body{flex-flow:row wrap;justify-content:center;
align-items:center;gap:12px 28px;max-width:1200px;margin:0 auto;padding:14px 64px 14px 24px;text-align:start}
.nudge-popup__card--bar .nudge-popup__head{width:auto;flex:0 1 auto;min-width:0;align-items:flex-start}
.nudge-popup__card--bar .nudge-popup__head>:first-child{margin-inline:0}
.nudge-popup__card--bar .nudge-popup__eyebrow{margin-bottom:6px}
.nudge-popup__card--bar .nudge-popup__title{font-size:18px;line-height:1.3}
.nudge-popup__card--bar .nudge-popup__text{margin-top:2px;font-size:14px}
.nudge-popup__card--bar .nudge-popup__timer{margin:0;flex-direction:row;gap:10px}
.nudge-popup__card--bar .nudge-cd__unit{min-width:42px;padding:4px 3px}
.nudge-popup__card--bar .nudge-cd__n{font-size:18px}
.nudge-popup__card--bar .nudge-coupon{width:auto;min-width:240px;margin:0}
.nudge-popup__card--bar .nudge-coupon__label{text-align:start}
.nudge-popup__card--bar .nudge-popup__actions{flex-direction:row;width:auto;margin:0;align-items:center}
.nudge-popup__card--bar .nudge-popup__cta{min-height:44px;padding:10px 20px}
.nudge-popup__card--bar .nudge-popup__close{top:50%;margin-top:-18px}
.nudge-popup--full{padding:0}
.nudge-popup__card--full{max-width:none;width:100%;min-height:100%;border-radius:0;display:flex;align-items:center;justify-content:center;box-shadow:none}
.nudge-popup__card--full .nudge-popup__body{max-width:560px;margin:auto;padding:64px 28px 40px}
.nudge-popup__card--full .nudge-popup__title{font-size:clamp(28px,4vw,44px)}
.nudge-popup__card--full .nudge-popup__text{font-size:18px}
.nudge-popup__card--full.nudge-popup__card--media{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);max-width:none}
.nudge-popup__card--full.nudge-popup__card--media .nudge-popup__media{aspect-ratio:auto;height:100%;min-height:100%}
.nudge-popup__card--inline{max-width:none;margin:0;max-height:none;border-radius:var(--_radius);box-shadow:0 0 0 1px var(--_line),0 12px 32px -16px rgba(0,0,0,.25);animation:none}
.nudge-popup__card--inline .nudge-popup__body{padding:32px 28px 24px}
.nudge-sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.nudge-teaser{display:flex;align-items:center;border-radius:999px;background:var(--_brand);color:var(--_on-brand);
box-shadow:0 2px 4px rgba(0,0,0,.12),0 12px 28px -8px rgba(0,0,0,.4);animation:nudge-pop .3s cubic-bezier(.2,.9,.3,1.1)}
.nudge-teaser__open{min-height:48px;padding:10px 8px 10px 20px;font-size:15px;font-weight:750;letter-spacing:.01em;border-radius:999px 0 0 999px}
.nudge-teaser__close{display:grid;place-items:center;width:32px;height:32px;margin:0 8px 0 2px;border-radius:999px;
background:color-mix(in srgb,var(--_on-brand) 18%,transparent);transition:background-color .15s}
.nudge-teaser__close:hover{background:color-mix(in srgb,var(--_on-brand) 30%,transparent)}
.nudge-teaser :focus-visible{outline-color:var(--_on-brand);outline-offset:-3px}
@media (max-width:599.98px){
.nudge-popup__card--slide-in{max-width:none;margin:0;border-radius:var(--_radius);max-height:calc(100% - 16px);animation-name:nudge-up}
.nudge-layer--bottom-left .nudge-popup__card--slide-in,.nudge-layer--top-left .nudge-popup__card--slide-in{animation-name:nudge-up}
.nudge-popup__card--slide-in .nudge-popup__body{padding:26px 18px 16px}
.nudge-popup__card--bar{max-height:100%;margin:0;overflow-y:auto;border-radius:0;padding-bottom:0}
.nudge-popup__card--bottom-bar{padding-bottom:env(safe-area-inset-bottom)}
.nudge-popup__card--bar .nudge-popup__body{gap:10px 14px;padding:12px 52px 12px 16px;justify-content:flex-start}
.nudge-popup__card--bar .nudge-popup__head{flex-basis:100%}
.nudge-popup__card--bar .nudge-popup__title{font-size:16px}
.nudge-popup__card--bar .nudge-coupon{min-width:0;flex:1 1 180px}
.nudge-popup__card--bar .nudge-popup__close{top:8px;margin-top:0;inset-inline-end:8px}
.nudge-popup__card--bar .nudge-popup__actions{flex:1 1 100%}
.nudge-popup__card--bar .nudge-popup__cta{flex:1}
.nudge-popup__card--full{max-height:none;height:100%;margin:0;border-radius:0}
.nudge-popup__card--full.nudge-popup__card--media{display:block}
.nudge-popup__card--full.nudge-popup__card--media .nudge-popup__media{aspect-ratio:16/9;height:auto;min-height:0}
.nudge-popup__card--full .nudge-popup__body{padding:56px 20px 28px}}
@keyframes nudge-slide{from{opacity:0;transform:translateX(24px)}}
@keyframes nudge-slide-l{from{opacity:0;transform:translateX(-24px)}}
@keyframes nudge-down{from{transform:translateY(-100%)}}
`;
