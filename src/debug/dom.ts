/** Makes an element of the debug panel, its text set as text only (facts and reasons are never HTML). */
export function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A button that runs `action` when clicked; an action that throws is shown in its title, never thrown into the page. */
export function actionButton(doc: Document, label: string, className: string, action: () => unknown): HTMLButtonElement {
  const button = element(doc, "button", className, label);
  button.type = "button";
  button.addEventListener("click", () => {
    try {
      void Promise.resolve(action()).catch((error) => (button.title = String(error)));
    } catch (error) {
      button.title = String(error);
    }
  });
  return button;
}
