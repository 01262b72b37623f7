/**
 * CSS of the survey, after `baseStyles` (theme: the `--nudge-*` custom properties listed there).
 * Slide-in: a card in a corner of the visible page, inside a layer that lets clicks through to the
 * page. Modal: centred over the backdrop. Below 480px the card spans the width, at the bottom.
 */
export const surveyStyles = /* css */ `
.nudge-survey{box-sizing:border-box;position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483640;display:flex;align-items:flex-end;justify-content:flex-end;padding:20px;pointer-events:none}
.nudge-survey--bottom-left{justify-content:flex-start}
.nudge-survey--modal{align-items:center;justify-content:center;pointer-events:auto;background:var(--_backdrop);animation:nudge-survey-fade .2s ease-out}
.nudge-survey__card{position:relative;pointer-events:auto;width:100%;max-width:420px;max-height:100%;overflow:auto;padding:20px 24px 18px;
border-radius:var(--_radius);background:var(--_surface);color:var(--_text);
box-shadow:0 0 0 1px var(--_line),0 2px 6px rgba(0,0,0,.06),0 20px 48px -12px rgba(0,0,0,.35);animation:nudge-survey-in .36s cubic-bezier(.2,.9,.3,1.05)}
.nudge-survey__card:focus{outline:none}
.nudge-survey__top{display:flex;justify-content:space-between;gap:12px;padding-inline-end:36px;font-size:12.5px;line-height:1.4}
.nudge-survey__eyebrow{font-weight:700;letter-spacing:.02em;color:var(--_brand);overflow-wrap:anywhere}
.nudge-survey__count{flex:none;color:var(--_muted);font-variant-numeric:tabular-nums}
.nudge-survey__bar{display:block;width:calc(100% - 36px);height:4px;margin:8px 0 14px;border:0;border-radius:999px;overflow:hidden;appearance:none;
background:color-mix(in srgb,var(--_text) 10%,transparent);color:var(--_brand)}
.nudge-survey__bar::-webkit-progress-bar{background:transparent}
.nudge-survey__bar::-webkit-progress-value{background:var(--_brand);border-radius:999px;transition:width .3s}
.nudge-survey__bar::-moz-progress-bar{background:var(--_brand);border-radius:999px}
.nudge-survey__title{display:block;font-size:17px;font-weight:700;line-height:1.35;text-wrap:balance;overflow-wrap:anywhere}
.nudge-survey__title:focus{outline:none}
.nudge-survey__hint{margin-top:4px;font-size:14px;color:var(--_muted);overflow-wrap:anywhere}
.nudge-survey__options{display:flex;flex-direction:column;gap:6px;margin-top:14px}
.nudge-survey__option{display:flex;align-items:center;gap:10px;min-height:44px;padding:8px 12px;border-radius:10px;cursor:pointer;font-size:15px;line-height:1.35;
box-shadow:inset 0 0 0 1px color-mix(in srgb,var(--_text) 18%,transparent);transition:background-color .12s,box-shadow .12s;overflow-wrap:anywhere}
.nudge-survey__option:hover{background:color-mix(in srgb,var(--_text) 5%,transparent)}
.nudge-survey__option:has(:checked){box-shadow:inset 0 0 0 2px var(--_brand);background:color-mix(in srgb,var(--_brand) 8%,transparent)}
.nudge-survey__check{flex:none;width:18px;height:18px;margin:0;accent-color:var(--_brand)}
.nudge-survey__check:focus-visible{outline:2px solid var(--_brand);outline-offset:2px}
.nudge-survey__rating{margin-top:14px}
.nudge-survey__scale{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:6px}
.nudge-survey__rating--stars .nudge-survey__scale{display:flex;gap:2px}
.nudge-survey__rate{position:relative;cursor:pointer}
.nudge-survey__hidden{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.nudge-survey__face{display:grid;place-items:center;height:44px;border-radius:10px;font-size:16px;font-weight:650;font-variant-numeric:tabular-nums;
background:color-mix(in srgb,var(--_text) 6%,transparent);box-shadow:inset 0 0 0 1px var(--_line);transition:background-color .12s,color .12s}
.nudge-survey__rate:hover .nudge-survey__face{background:color-mix(in srgb,var(--_brand) 14%,transparent)}
.nudge-survey__hidden:checked+.nudge-survey__face{background:var(--_brand);color:var(--_on-brand);box-shadow:none}
.nudge-survey__hidden:focus-visible+.nudge-survey__face{outline:2px solid var(--_brand);outline-offset:2px}
.nudge-survey__rating--stars .nudge-survey__face{width:44px;background:none;box-shadow:none;color:color-mix(in srgb,var(--_text) 35%,transparent)}
.nudge-survey__rating--stars .nudge-survey__face svg{fill:none;stroke:currentColor;stroke-width:1.6}
.nudge-survey__rating--stars .nudge-survey__hidden:checked+.nudge-survey__face{background:none;color:var(--nudge-star,#b45309)}
.nudge-survey__rating--stars .nudge-survey__face--on{color:var(--nudge-star,#b45309)}
.nudge-survey__rating--stars .nudge-survey__face--on svg{fill:currentColor}
.nudge-survey__rating--faces .nudge-survey__scale{gap:4px}
.nudge-survey__rating--faces .nudge-survey__rate{--_f:var(--_c);display:flex;flex-direction:column;align-items:center;gap:4px;min-height:44px;padding:8px 2px 6px;border-radius:10px;
text-align:center;transition:background-color .12s,box-shadow .12s}
.nudge-survey__rating--faces .nudge-survey__rate:hover{background:color-mix(in srgb,var(--_f) 10%,transparent)}
.nudge-survey__rating--faces .nudge-survey__face{width:auto;height:auto;background:none;box-shadow:none;color:var(--_f)}
.nudge-survey__rating--faces .nudge-survey__face svg{fill:none;stroke:currentColor;stroke-width:1.6;stroke-linecap:round}
.nudge-survey__rating--faces .nudge-survey__eye{fill:currentColor;stroke:none}
.nudge-survey__rating--faces .nudge-survey__hidden:checked+.nudge-survey__face svg{fill:color-mix(in srgb,var(--_f) 18%,transparent)}
.nudge-survey__rating--faces .nudge-survey__hidden:focus-visible+.nudge-survey__face{outline:none}
.nudge-survey__rating--faces .nudge-survey__rate:has(:focus-visible){outline:2px solid var(--_brand);outline-offset:1px}
.nudge-survey__rating--faces .nudge-survey__rate:has(:checked){background:color-mix(in srgb,var(--_f) 12%,transparent);box-shadow:inset 0 0 0 2px var(--_f)}
.nudge-survey__face-name{max-width:100%;font-size:11.5px;line-height:1.25;color:var(--_text)}
.nudge-survey__rate--1{--_c:var(--nudge-face-1,#b42318)}
.nudge-survey__rate--2{--_c:var(--nudge-face-2,#c2410c)}
.nudge-survey__rate--3{--_c:var(--nudge-face-3,#8a6100)}
.nudge-survey__rate--4{--_c:var(--nudge-face-4,#4d7c0f)}
.nudge-survey__rate--5{--_c:var(--nudge-face-5,#15803d)}
.nudge-survey__ends{display:flex;justify-content:space-between;gap:12px;margin-top:8px;font-size:12.5px;color:var(--_muted)}
.nudge-survey__input{display:block;width:100%;box-sizing:border-box;margin-top:14px;padding:10px 12px;min-height:44px;border:1px solid color-mix(in srgb,var(--_text) 22%,transparent);
border-radius:10px;font:inherit;font-size:15px;color:var(--_text);background:var(--_surface)}
.nudge-survey__input::placeholder{color:var(--_muted);opacity:1}
.nudge-survey__input:focus-visible{outline:2px solid var(--_brand);outline-offset:0;border-color:transparent}
.nudge-survey__error{font-size:13.5px;color:var(--nudge-error,#b42318)}
.nudge-survey__error:not(:empty){margin-top:8px}
.nudge-survey__actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:14px}
.nudge-survey__next{min-height:44px;padding:10px 22px;border-radius:calc(var(--_radius)*.625);background:var(--_brand);color:var(--_on-brand);font-weight:650;transition:background-color .15s}
.nudge-survey__next:hover{background:color-mix(in srgb,var(--_brand) 88%,var(--_text))}
.nudge-survey__quiet{min-height:44px;padding:10px 12px;border-radius:8px;font-size:14px;color:var(--_muted)}
.nudge-survey__quiet:hover{color:var(--_text)}
.nudge-survey__back{margin-inline-start:auto}
.nudge-survey__thanks{display:flex;flex-direction:column;align-items:center;padding:8px 0 4px;text-align:center}
.nudge-survey__check{display:grid;place-items:center;width:44px;height:44px;margin-bottom:12px;border-radius:999px;color:var(--_on-brand);background:var(--_brand)}
.nudge-survey__text{margin-top:6px;font-size:15px;color:var(--_muted);overflow-wrap:anywhere}
.nudge-survey__close{position:absolute;top:12px;inset-inline-end:12px;display:grid;place-items:center;width:32px;height:32px;
border-radius:999px;color:var(--_muted);transition:background-color .15s,color .15s}
.nudge-survey__close:hover{color:var(--_text);background:color-mix(in srgb,var(--_text) 8%,transparent)}
@media (max-width:479.98px){
.nudge-survey{padding:0}
.nudge-survey__card{max-width:none;padding:18px 16px calc(16px + env(safe-area-inset-bottom));border-radius:var(--_radius) var(--_radius) 0 0}
.nudge-survey--modal{align-items:flex-end}
.nudge-survey__rating--faces .nudge-survey__scale{gap:2px}
.nudge-survey__rating--faces .nudge-survey__rate{padding-inline:0}
.nudge-survey__face-name{font-size:10.5px}}
@media (prefers-color-scheme:dark){.nudge-survey__card{box-shadow:0 0 0 1px var(--_line),0 20px 48px -12px rgba(0,0,0,.8)}
.nudge-survey__rating--stars .nudge-survey__face--on,.nudge-survey__rating--stars .nudge-survey__hidden:checked+.nudge-survey__face{color:var(--nudge-star,#fbbf24)}
.nudge-survey__error{color:var(--nudge-error,#fca5a5)}
.nudge-survey__rating--faces .nudge-survey__rate{--_f:color-mix(in srgb,var(--_c) 55%,#fff)}}
@keyframes nudge-survey-in{from{opacity:0;transform:translateY(24px)}}
@keyframes nudge-survey-fade{from{opacity:0}}
`;
