/**
 * CSS of the social-proof toast, after `baseStyles` (theme: the `--nudge-*` custom properties
 * listed there). A layer the size of the visible page (clicks pass through it) places the card in
 * its corner; it is a fixed overlay, so the page never moves. Below 480px the card spans the width.
 */
export const socialProofStyles = /* css */ `
.nudge-sp{box-sizing:border-box;position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483600;display:flex;padding:16px;pointer-events:none;align-items:flex-end;justify-content:flex-start}
.nudge-sp--bottom-right{justify-content:flex-end}
.nudge-sp--top-left,.nudge-sp--top-right{align-items:flex-start}
.nudge-sp--top-right{justify-content:flex-end}
.nudge-sp__card{pointer-events:auto;display:flex;align-items:center;gap:12px;width:100%;max-width:360px;
padding:10px 8px 10px 10px;border-radius:calc(var(--_radius)*.875);background:var(--_surface);color:var(--_text);
box-shadow:0 0 0 1px var(--_line),0 1px 3px rgba(0,0,0,.08),0 12px 32px -8px rgba(0,0,0,.28);
animation:nudge-sp-in .38s cubic-bezier(.2,.9,.3,1.1)}
.nudge-sp--top-left .nudge-sp__card,.nudge-sp--top-right .nudge-sp__card{animation-name:nudge-sp-down}
.nudge-sp__img,.nudge-sp__icon{flex:none;width:48px;height:48px;border-radius:calc(var(--_radius)*.5)}
.nudge-sp__img{object-fit:cover;background:var(--_line)}
.nudge-sp__icon{display:grid;place-items:center;color:var(--_brand);background:color-mix(in srgb,var(--_brand) 13%,transparent)}
.nudge-sp__text{flex:1;min-width:0;display:flex;flex-direction:column;gap:1px}
.nudge-sp__msg{font-size:14.5px;font-weight:650;line-height:1.35;overflow-wrap:anywhere}
.nudge-sp__name{font-size:13px;line-height:1.35;color:var(--_muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.nudge-sp__close{flex:none;align-self:flex-start;display:grid;place-items:center;width:28px;height:28px;border-radius:999px;
color:var(--_muted);transition:background-color .15s,color .15s}
.nudge-sp__close:hover{color:var(--_text);background:color-mix(in srgb,var(--_text) 8%,transparent)}
.nudge-sp__close:focus-visible{outline-offset:0}
.nudge-sp__live{position:fixed;left:-10000px;top:0;width:1px;height:1px;overflow:hidden;white-space:nowrap}
@media (max-width:479.98px){.nudge-sp{padding:12px}.nudge-sp__card{max-width:none}}
@media (prefers-color-scheme:dark){.nudge-sp__card{box-shadow:0 0 0 1px var(--_line),0 12px 32px -8px rgba(0,0,0,.7)}}
@keyframes nudge-sp-in{from{opacity:0;transform:translateY(16px)}}
@keyframes nudge-sp-down{from{opacity:0;transform:translateY(-16px)}}
`;
