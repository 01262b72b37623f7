/**
 * CSS of the NPS survey, after `baseStyles` (theme: the `--nudge-*` custom properties listed there).
 * Slide-in: a card in a corner of the visible page, inside a layer that lets clicks through to the
 * page. Modal: centred over the backdrop. Below 480px the card spans the width, at the bottom.
 */
export const npsStyles = /* css */ `
.nudge-nps{box-sizing:border-box;position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483640;display:flex;align-items:flex-end;justify-content:flex-end;padding:20px;pointer-events:none}
.nudge-nps--bottom-left{justify-content:flex-start}
.nudge-nps--modal{align-items:center;justify-content:center;pointer-events:auto;background:var(--_backdrop);animation:nudge-nps-fade .2s ease-out}
.nudge-nps__card{position:relative;pointer-events:auto;width:100%;max-width:420px;padding:24px 24px 20px;
border-radius:var(--_radius);background:var(--_surface);color:var(--_text);
box-shadow:0 0 0 1px var(--_line),0 2px 6px rgba(0,0,0,.06),0 20px 48px -12px rgba(0,0,0,.35);
animation:nudge-nps-in .36s cubic-bezier(.2,.9,.3,1.05)}
.nudge-nps__card:focus{outline:none}
.nudge-nps__title{display:block;padding-inline-end:28px;font-size:17px;font-weight:700;line-height:1.35;letter-spacing:-.005em;
text-wrap:balance;overflow-wrap:anywhere}
.nudge-nps__title:focus{outline:none}
.nudge-nps__scale{display:grid;grid-template-columns:repeat(11,minmax(0,1fr));gap:4px;margin-top:18px}
.nudge-nps__score{display:grid;place-items:center;height:42px;border-radius:8px;font-size:15px;font-weight:650;
font-variant-numeric:tabular-nums;text-align:center;background:color-mix(in srgb,var(--_text) 6%,transparent);
box-shadow:inset 0 0 0 1px var(--_line);transition:background-color .12s,color .12s,transform .12s}
.nudge-nps__score:hover{background:var(--_brand);color:var(--_on-brand);box-shadow:none}
.nudge-nps__score:active{transform:scale(.94)}
.nudge-nps__score:focus-visible{outline-offset:2px}
.nudge-nps__ends{display:flex;justify-content:space-between;gap:12px;margin-top:8px;font-size:12.5px;color:var(--_muted)}
.nudge-nps__sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.nudge-nps__form{display:flex;flex-direction:column}
.nudge-nps__picked{align-self:flex-start;margin-bottom:10px;padding:3px 10px;border-radius:999px;font-size:12.5px;font-weight:650;
color:var(--_brand);background:color-mix(in srgb,var(--_brand) 12%,transparent)}
.nudge-nps__field{display:block;width:100%;margin-top:12px;padding:10px 12px;border:1px solid color-mix(in srgb,var(--_text) 22%,transparent);
border-radius:10px;font:inherit;font-size:15px;line-height:1.45;color:var(--_text);background:var(--_surface);resize:vertical;min-height:84px}
.nudge-nps__field::placeholder{color:var(--_muted);opacity:1}
.nudge-nps__field:focus-visible{outline:2px solid var(--_brand);outline-offset:0;border-color:transparent}
.nudge-nps__actions{display:flex;align-items:center;gap:8px;margin-top:14px}
.nudge-nps__submit{min-height:44px;padding:10px 22px;border-radius:calc(var(--_radius)*.625);background:var(--_brand);color:var(--_on-brand);
font-weight:650;transition:background-color .15s}
.nudge-nps__submit:hover{background:color-mix(in srgb,var(--_brand) 88%,var(--_text))}
.nudge-nps__skip{min-height:44px;padding:10px 12px;border-radius:8px;font-size:14px;color:var(--_muted)}
.nudge-nps__skip:hover{color:var(--_text)}
.nudge-nps__thanks{display:flex;flex-direction:column;align-items:center;padding:8px 0 4px;text-align:center}
.nudge-nps__thanks .nudge-nps__title{padding:0}
.nudge-nps__check{display:grid;place-items:center;width:44px;height:44px;margin-bottom:12px;border-radius:999px;
color:var(--_on-brand);background:var(--_brand);animation:nudge-nps-pop .4s cubic-bezier(.2,.9,.3,1.4)}
.nudge-nps__text{margin-top:6px;font-size:15px;color:var(--_muted);overflow-wrap:anywhere}
.nudge-nps__close{position:absolute;top:12px;inset-inline-end:12px;display:grid;place-items:center;width:32px;height:32px;
border-radius:999px;color:var(--_muted);transition:background-color .15s,color .15s}
.nudge-nps__close:hover{color:var(--_text);background:color-mix(in srgb,var(--_text) 8%,transparent)}
@media (max-width:479.98px){
.nudge-nps{padding:0}
.nudge-nps__card{max-width:none;padding:22px 16px calc(16px + env(safe-area-inset-bottom));border-radius:var(--_radius) var(--_radius) 0 0}
.nudge-nps--modal{align-items:flex-end}
.nudge-nps__scale{gap:3px}
.nudge-nps__score{height:44px;border-radius:7px;font-size:14px}}
@media (prefers-color-scheme:dark){.nudge-nps__card{box-shadow:0 0 0 1px var(--_line),0 20px 48px -12px rgba(0,0,0,.8)}}
@keyframes nudge-nps-in{from{opacity:0;transform:translateY(24px)}}
@keyframes nudge-nps-fade{from{opacity:0}}
@keyframes nudge-nps-pop{from{transform:scale(.4);opacity:0}}
`;
