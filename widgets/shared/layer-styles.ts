/**
 * The overlay layer of non-modal widgets (slide-ins, bars, teasers): a see-through box over the
 * visible part of the page (kept equal to it by the renderer's `--nudge-v*` properties) that lets
 * clicks through around its child, placed by a modifier: `--top`, `--bottom` (full width, edge to
 * edge) or a corner `--bottom-right`, `--bottom-left`, `--top-right`, `--top-left`.
 */
export const layerStyles = /* css */ `
.nudge-layer{box-sizing:border-box;position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483647;display:flex;padding:16px;pointer-events:none}
.nudge-layer>*{pointer-events:auto}
.nudge-layer--bottom-right{align-items:flex-end;justify-content:flex-end}
.nudge-layer--bottom-left{align-items:flex-end;justify-content:flex-start}
.nudge-layer--top-right{align-items:flex-start;justify-content:flex-end}
.nudge-layer--top-left{align-items:flex-start;justify-content:flex-start}
.nudge-layer--top,.nudge-layer--bottom{padding:0;align-items:flex-end}
.nudge-layer--top{align-items:flex-start}
@media (max-width:599.98px){.nudge-layer{padding:8px}.nudge-layer--top,.nudge-layer--bottom{padding:0}}
`;
