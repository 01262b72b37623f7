/**
 * CSS of the spin-to-win wheel, after `baseStyles` (theme: the `--nudge-*` custom properties listed
 * there; the segments are shades of `--nudge-brand`). Also:
 *
 *   --nudge-wheel-pointer   the pointer at the top of the wheel   (#e0245e)
 *
 * A centred card (the wheel beside the text from 720px wide); below 600px a bottom sheet. The
 * wheel turns with a CSS transition on `transform` only; under reduced motion it does not turn.
 */
export const wheelStyles = /* css */ `
.nudge-wheel{box-sizing:border-box;position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483647;display:flex;align-items:center;justify-content:center;padding:24px;overflow-y:auto;overscroll-behavior:contain;
background:var(--_backdrop);-webkit-backdrop-filter:blur(3px);backdrop-filter:blur(3px);animation:nudge-wh-fade .2s ease-out}
.nudge-wheel__card{position:relative;display:flex;flex-direction:column;width:100%;max-width:440px;margin:auto;overflow:hidden;
border-radius:var(--_radius);background:var(--_surface);
box-shadow:0 0 0 1px var(--_line),0 2px 6px rgba(0,0,0,.06),0 24px 64px -12px rgba(0,0,0,.4);animation:nudge-wh-pop .32s cubic-bezier(.2,.9,.3,1.1)}
.nudge-wheel__card:focus{outline:none}
.nudge-wheel__stage{position:relative;display:grid;place-items:center;padding:30px 24px 8px;
background:radial-gradient(circle at 50% 55%,color-mix(in srgb,var(--_brand) 16%,var(--_surface)) 0,var(--_surface) 70%)}
.nudge-wheel__disc{width:min(280px,68vw);aspect-ratio:1;border-radius:50%;
filter:drop-shadow(0 10px 18px rgba(0,0,0,.22));will-change:transform}
.nudge-wheel__disc--spin{transition:transform 4.6s cubic-bezier(.15,.72,.1,1)}
.nudge-wheel__svg{width:100%;height:100%;overflow:visible}
.nudge-wheel__rim{fill:color-mix(in srgb,var(--_brand) 55%,#000)}
.nudge-wheel__seg{stroke:color-mix(in srgb,var(--_brand) 55%,#000);stroke-width:.6}
.nudge-wheel__seg--0{fill:var(--_brand)}
.nudge-wheel__seg--1{fill:color-mix(in srgb,var(--_brand) 12%,var(--_surface))}
.nudge-wheel__seg--2{fill:color-mix(in srgb,var(--_brand) 30%,var(--_surface))}
.nudge-wheel__label{font-family:inherit;font-weight:750;letter-spacing:.01em;fill:var(--_text)}
.nudge-wheel__label--0{fill:var(--_on-brand)}
.nudge-wheel__bulb{fill:#fff;opacity:.92}
.nudge-wheel__hub{fill:var(--_surface);stroke:color-mix(in srgb,var(--_brand) 55%,#000);stroke-width:3}
.nudge-wheel__hub-dot{fill:var(--_brand)}
.nudge-wheel__pointer{position:absolute;top:14px;left:50%;width:30px;height:38px;transform:translateX(-50%);
fill:var(--nudge-wheel-pointer,#e0245e);filter:drop-shadow(0 3px 4px rgba(0,0,0,.3))}
.nudge-wheel__pointer circle{fill:#fff}
.nudge-wheel__body{display:flex;flex-direction:column;align-items:stretch;padding:20px 28px 28px;text-align:center}
.nudge-wheel__note{margin-bottom:8px;font-size:13px;color:var(--_muted)}
.nudge-wheel__title{font-size:25px;font-weight:750;line-height:1.2;letter-spacing:-.015em;text-wrap:balance;overflow-wrap:anywhere}
.nudge-wheel__text{margin-top:8px;color:var(--_muted);text-wrap:pretty;overflow-wrap:anywhere}
.nudge-wheel__sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.nudge-wheel__form{display:flex;flex-direction:column;align-items:stretch;margin-top:20px;text-align:start}
.nudge-wheel__label-text{font-size:14px;font-weight:600;margin-bottom:6px}
.nudge-wheel__input{display:block;width:100%;min-height:48px;padding:10px 14px;border:1px solid color-mix(in srgb,var(--_text) 24%,transparent);
border-radius:calc(var(--_radius)*.625);font:inherit;color:var(--_text);background:var(--_surface)}
.nudge-wheel__input:focus-visible{outline:2px solid var(--_brand);outline-offset:0;border-color:transparent}
.nudge-wheel__input[aria-invalid=true]{border-color:#d92d20}
.nudge-wheel__error{margin-top:6px;font-size:13.5px;color:#c01f14}
.nudge-wheel__consent{display:flex;align-items:flex-start;gap:10px;margin-top:12px;font-size:13.5px;line-height:1.4;color:var(--_muted);cursor:pointer}
.nudge-wheel__consent input{flex:none;width:18px;height:18px;margin:1px 0 0;accent-color:var(--_brand)}
.nudge-wheel__spin,.nudge-wheel__cta{display:flex;align-items:center;justify-content:center;min-height:50px;margin-top:16px;padding:12px 24px;
border-radius:calc(var(--_radius)*.625);background:var(--_brand);color:var(--_on-brand);font-weight:700;font-size:16.5px;text-align:center;
text-decoration:none;box-shadow:0 1px 2px rgba(0,0,0,.12),inset 0 1px 0 rgba(255,255,255,.12);transition:background-color .15s,transform .15s}
.nudge-wheel__spin:hover,.nudge-wheel__cta:hover{background:color-mix(in srgb,var(--_brand) 88%,var(--_text))}
.nudge-wheel__spin:active{transform:translateY(1px)}
.nudge-wheel__spin[aria-disabled=true]{cursor:progress;opacity:.75}
.nudge-wheel__coupon{display:flex;flex-direction:column;gap:6px;margin-top:18px;text-align:start}
.nudge-wheel__coupon-label{font-size:12.5px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:var(--_muted)}
.nudge-wheel__coupon-row{display:flex;align-items:stretch;border:2px dashed color-mix(in srgb,var(--_brand) 55%,transparent);
border-radius:calc(var(--_radius)*.625);background:color-mix(in srgb,var(--_brand) 7%,var(--_surface))}
.nudge-wheel__code{flex:1;min-width:0;padding:12px 14px;font:700 20px/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
letter-spacing:.08em;color:var(--_text);overflow-wrap:anywhere;user-select:all}
.nudge-wheel__copy{flex:none;margin:5px;padding:0 16px;min-height:40px;border-radius:calc(var(--_radius)*.45);font-size:14.5px;font-weight:650;
color:var(--_on-brand);background:var(--_brand);transition:background-color .15s}
.nudge-wheel__copy--done{background:#15803d;color:#fff}
.nudge-wheel__close{position:absolute;top:12px;inset-inline-end:12px;display:grid;place-items:center;width:36px;height:36px;border-radius:999px;
color:var(--_text);background:color-mix(in srgb,var(--_surface) 82%,transparent);transition:background-color .15s}
.nudge-wheel__close:hover{background:color-mix(in srgb,var(--_text) 10%,var(--_surface))}
@media (min-width:720px){
.nudge-wheel__card{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);max-width:780px}
.nudge-wheel__stage{padding:44px 28px}
.nudge-wheel__disc{width:300px}
.nudge-wheel__pointer{top:28px}
.nudge-wheel__body{justify-content:center;padding:48px 40px 40px;text-align:start}
.nudge-wheel__title{font-size:29px}}
@media (max-width:599.98px){
.nudge-wheel{align-items:flex-end;padding:0}
.nudge-wheel__card{max-width:none;max-height:calc(100% - 16px);margin:auto 0 0;overflow-y:auto;overscroll-behavior:contain;
border-radius:var(--_radius) var(--_radius) 0 0;padding-bottom:env(safe-area-inset-bottom);animation:nudge-wh-up .34s cubic-bezier(.2,.9,.3,1)}
.nudge-wheel__stage{padding:26px 16px 4px}
.nudge-wheel__disc{width:min(232px,62vw)}
.nudge-wheel__pointer{top:10px}
.nudge-wheel__body{padding:16px 20px 20px}
.nudge-wheel__title{font-size:22px}}
@media (prefers-color-scheme:dark){
.nudge-wheel__card{box-shadow:0 0 0 1px var(--_line),0 24px 64px -12px rgba(0,0,0,.8)}
.nudge-wheel__error{color:#fda29b}
.nudge-wheel__input[aria-invalid=true]{border-color:#f97066}}
@keyframes nudge-wh-fade{from{opacity:0}}
@keyframes nudge-wh-pop{from{opacity:0;transform:translateY(12px) scale(.97)}}
@keyframes nudge-wh-up{from{transform:translateY(100%)}}
`;
