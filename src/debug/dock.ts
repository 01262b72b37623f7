/** Where the panel sits: a corner of the viewport. */
export type Corner = "bottom-left" | "bottom-right" | "top-left" | "top-right";
const CORNERS: Corner[] = ["bottom-left", "bottom-right", "top-left", "top-right"];

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The boxes of the widgets on screen: what they draw inside Nudge's shadow roots, leaving out
 * a modal's backdrop (anything covering most of the viewport is a backdrop, not the widget).
 */
export function widgetBoxes(doc: Document): Box[] {
  const view = doc.defaultView;
  const area = (view?.innerWidth ?? 0) * (view?.innerHeight ?? 0);
  const boxes: Box[] = [];
  for (const host of Array.from(doc.querySelectorAll("nudge-root, nudge-inline"))) {
    const parts = host.shadowRoot ? Array.from(host.shadowRoot.querySelectorAll("*")).slice(0, 400) : [host];
    for (const part of parts) {
      const box = part.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.width * box.height < 0.8 * area) boxes.push(box);
    }
  }
  return boxes;
}

/**
 * Puts the panel in the first corner where it covers no widget; where every corner would cover
 * one, it collapses to its tab, in a corner the tab leaves free. Returns whether it collapsed.
 */
export function dock(panel: HTMLElement, widgets: Box[], collapse: (collapsed: boolean) => void, expanded: boolean): boolean {
  const tryCorners = () => {
    for (const corner of CORNERS) {
      panel.dataset.dock = corner;
      const box = panel.getBoundingClientRect();
      if (!widgets.some((w) => overlaps(box, w))) return true;
    }
    return false;
  };
  if (expanded) {
    collapse(false);
    if (tryCorners()) return false;
  }
  collapse(true);
  if (!tryCorners()) panel.dataset.dock = "bottom-left";
  return true;
}
