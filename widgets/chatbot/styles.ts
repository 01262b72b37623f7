/**
 * CSS of the chatbot, adopted into Nudge's shadow root after `baseStyles` (class names only:
 * strict CSP). Themed with the shared custom properties (see widgets/shared/base-styles.ts):
 * `--nudge-brand` (launcher, header, the visitor's messages, quick replies), `--nudge-brand-contrast`,
 * `--nudge-surface`, `--nudge-text`, `--nudge-muted`, `--nudge-radius`, `--nudge-font`. In the dark scheme, quick
 * replies and the focused field mix the brand colour with white, so a dark brand stays readable.
 *
 * Layout: a layer the size of the visible page that lets clicks through; the launcher in a
 * bottom corner, the teaser and the panel (384 px) above it. Up to 480 px wide the panel is a
 * full-width bottom sheet over the launcher. Everything is fixed: the page never moves.
 */
export const chatbotStyles = /* css */ `
.nudge-chat{position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483646;pointer-events:none;font-size:15px;--_accent:var(--_brand);--_bubble:color-mix(in srgb,var(--_text) 6%,var(--_surface));
--_shadow:0 0 0 1px var(--_line),0 2px 6px rgba(0,0,0,.05),0 20px 56px -12px rgba(15,17,26,.38)}
.nudge-chat>*{pointer-events:auto}
.nudge-chat__launcher{position:absolute;right:24px;bottom:24px;display:grid;place-items:center;width:60px;height:60px;
border-radius:50%;background:var(--_brand);color:var(--_on-brand);
box-shadow:0 2px 6px rgba(0,0,0,.14),0 12px 28px -8px rgba(15,17,26,.45),inset 0 1px 0 rgba(255,255,255,.14);
transition:transform .2s cubic-bezier(.2,.9,.3,1.3);animation:nudge-chat-pop .45s cubic-bezier(.2,.9,.3,1.3)}
.nudge-chat__launcher:hover{transform:scale(1.06)}
.nudge-chat__launcher:active{transform:scale(.96)}
.nudge-chat__badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;
background:#d61f45;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;box-shadow:0 0 0 2px var(--_surface)}
.nudge-chat__teaser{position:absolute;right:24px;bottom:100px;width:min(330px,calc(100% - 48px));
border-radius:var(--_radius);background:var(--_surface);box-shadow:var(--_shadow);
transform-origin:bottom right;animation:nudge-chat-in .4s .1s cubic-bezier(.2,.9,.3,1.1) both}
.nudge-chat__teaser-open{display:flex;flex-direction:column;gap:8px;width:100%;padding:16px 48px 18px 18px;border-radius:inherit;text-align:start}
.nudge-chat__teaser-open:hover .nudge-chat__teaser-text{color:var(--_text)}
.nudge-chat__teaser-who{display:flex;align-items:center;gap:8px;font-size:13px;font-weight:650;color:var(--_muted)}
.nudge-chat__teaser-text{font-size:15px;line-height:1.45;overflow-wrap:anywhere;white-space:pre-line;
display:-webkit-box;-webkit-line-clamp:5;-webkit-box-orient:vertical;overflow:hidden}
.nudge-chat__teaser-x{position:absolute;top:10px;right:10px;display:grid;place-items:center;width:32px;height:32px;
border-radius:50%;color:var(--_muted);transition:background-color .15s,color .15s}
.nudge-chat__teaser-x:hover{background:color-mix(in srgb,var(--_text) 8%,transparent);color:var(--_text)}
.nudge-chat__panel{position:absolute;right:24px;bottom:100px;display:flex;flex-direction:column;width:384px;
height:min(640px,calc(100% - 124px));border-radius:var(--_radius);overflow:hidden;background:var(--_surface);
box-shadow:var(--_shadow);transform-origin:bottom right;animation:nudge-chat-in .3s cubic-bezier(.2,.9,.3,1)}
.nudge-chat--left .nudge-chat__launcher,.nudge-chat--left .nudge-chat__teaser,.nudge-chat--left .nudge-chat__panel{right:auto;left:24px;transform-origin:bottom left}
.nudge-chat__head{display:flex;align-items:center;gap:2px;padding:14px 10px 14px 16px;
background:linear-gradient(135deg,var(--_brand),color-mix(in srgb,var(--_brand) 80%,#000));color:var(--_on-brand)}
.nudge-chat__head :focus-visible{outline-color:currentColor;outline-offset:-2px}
.nudge-chat__who{display:flex;align-items:center;gap:12px;flex:1;min-width:0}
.nudge-chat__id{min-width:0}
.nudge-chat__name{font-size:16px;font-weight:700;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.nudge-chat__sub{font-size:13px;line-height:1.35;color:color-mix(in srgb,var(--_on-brand) 84%,var(--_brand));
overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.nudge-chat__avatar{position:relative;flex:none;display:grid;place-items:center;width:42px;height:42px;border-radius:50%;
font-size:17px;font-weight:700;background:color-mix(in srgb,var(--_on-brand) 20%,var(--_brand));color:var(--_on-brand)}
.nudge-chat__avatar img{width:100%;height:100%;border-radius:50%;object-fit:cover}
.nudge-chat__head .nudge-chat__avatar::after{content:"";position:absolute;right:0;bottom:0;width:11px;height:11px;
border-radius:50%;background:#22c55e;box-shadow:0 0 0 2px color-mix(in srgb,var(--_brand) 90%,#000)}
.nudge-chat__avatar--s{width:28px;height:28px;font-size:12px;background:var(--_brand)}
.nudge-chat__icon{flex:none;display:grid;place-items:center;width:36px;height:36px;border-radius:10px;transition:background-color .15s}
.nudge-chat__icon:hover{background:color-mix(in srgb,var(--_on-brand) 16%,transparent)}
.nudge-chat__log{flex:1;display:flex;flex-direction:column;gap:4px;padding:20px 16px 12px;overflow-y:auto;overscroll-behavior:contain}
.nudge-chat__log:focus-visible{outline-offset:-2px}
.nudge-chat__row{display:flex;align-items:flex-start;gap:8px;max-width:86%;animation:nudge-chat-msg .25s ease-out}
.nudge-chat__row--first{margin-top:10px}
.nudge-chat__row--first:first-child{margin-top:0}
.nudge-chat__row--me{align-self:flex-end}
.nudge-chat__gap{flex:none;width:28px}
.nudge-chat__msg{padding:9px 14px;border-radius:18px;background:var(--_bubble);line-height:1.45;white-space:pre-line;overflow-wrap:anywhere}
.nudge-chat__row--bot.nudge-chat__row--first .nudge-chat__msg,.nudge-chat__typing{border-top-left-radius:6px}
.nudge-chat__row--me .nudge-chat__msg{background:var(--_brand);color:var(--_on-brand)}
.nudge-chat__row--me.nudge-chat__row--first .nudge-chat__msg{border-top-right-radius:6px}
.nudge-chat__typing{display:flex;gap:4px;padding:15px 16px;border-radius:18px;background:var(--_bubble)}
.nudge-chat__typing i{width:7px;height:7px;border-radius:50%;background:var(--_muted);animation:nudge-chat-dot 1.1s infinite ease-in-out}
.nudge-chat__typing i:nth-child(2){animation-delay:.15s}
.nudge-chat__typing i:nth-child(3){animation-delay:.3s}
.nudge-chat__foot{display:flex;flex-direction:column;gap:10px;padding:6px 16px 16px;animation:nudge-chat-msg .25s ease-out}
.nudge-chat__replies{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px}
.nudge-chat__reply{display:inline-flex;align-items:center;gap:6px;min-height:40px;padding:8px 16px;border-radius:20px;
box-shadow:inset 0 0 0 1.5px var(--_accent);color:var(--_accent);font-size:15px;font-weight:600;line-height:1.3;
text-decoration:none;overflow-wrap:anywhere;transition:background-color .15s,color .15s}
.nudge-chat__reply:hover{background:var(--_brand);color:var(--_on-brand)}
.nudge-chat__form{display:flex;align-items:center;gap:4px;padding:4px 4px 4px 16px;border-radius:26px;
background:var(--_bubble);box-shadow:inset 0 0 0 1px var(--_line);transition:box-shadow .15s}
.nudge-chat__form:focus-within{box-shadow:inset 0 0 0 2px var(--_accent)}
.nudge-chat__form:has([aria-invalid]){box-shadow:inset 0 0 0 2px var(--_error)}
.nudge-chat__input{flex:1;min-width:0;height:42px;padding:0;border:0;background:none;font:inherit;color:inherit}
.nudge-chat__input:focus-visible{outline:none}
.nudge-chat__input::placeholder{color:var(--_muted);opacity:1}
.nudge-chat__send{flex:none;display:grid;place-items:center;width:42px;height:42px;border-radius:50%;
background:var(--_brand);color:var(--_on-brand);transition:transform .15s}
.nudge-chat__send:active{transform:scale(.94)}
.nudge-chat__error{font-size:13px;line-height:1.4;color:var(--_error)}
.nudge-chat__note{font-size:12px;line-height:1.4;color:var(--_muted)}
.nudge-chat__foot--done{align-items:center}
.nudge-chat__ended{display:flex;align-items:center;gap:12px;width:100%;font-size:13px;color:var(--_muted)}
.nudge-chat__ended::before,.nudge-chat__ended::after{content:"";flex:1;height:1px;background:var(--_line)}
.nudge-chat__sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.nudge-chat{--_error:#c81e3a}
@media (prefers-color-scheme:dark){.nudge-chat{--_error:#ff8a9c;--_accent:color-mix(in srgb,var(--_brand) 45%,#fff);--_bubble:color-mix(in srgb,var(--_text) 9%,var(--_surface));
--_shadow:0 0 0 1px var(--_line),0 20px 56px -12px rgba(0,0,0,.8)}}
@media (max-width:480px){
.nudge-chat__launcher{right:16px;bottom:16px;width:56px;height:56px}
.nudge-chat--left .nudge-chat__launcher{left:16px}
.nudge-chat__teaser,.nudge-chat--left .nudge-chat__teaser{left:16px;right:16px;bottom:88px;width:auto}
.nudge-chat__panel,.nudge-chat--left .nudge-chat__panel{left:0;right:0;bottom:0;width:auto;height:min(680px,calc(100% - 40px));
border-radius:var(--_radius) var(--_radius) 0 0;padding-bottom:env(safe-area-inset-bottom);animation:nudge-chat-up .32s cubic-bezier(.2,.9,.3,1)}
.nudge-chat--open .nudge-chat__launcher{display:none}}
@keyframes nudge-chat-pop{from{opacity:0;transform:scale(.5)}}
@keyframes nudge-chat-in{from{opacity:0;transform:translateY(12px) scale(.96)}}
@keyframes nudge-chat-up{from{transform:translateY(100%)}}
@keyframes nudge-chat-msg{from{opacity:0;transform:translateY(6px)}}
@keyframes nudge-chat-dot{0%,60%,100%{opacity:.35;transform:none}30%{opacity:1;transform:translateY(-3px)}}
`;
