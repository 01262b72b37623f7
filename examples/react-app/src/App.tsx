import { useEffect, useState } from "react";
import { useNudge, useNudgeEvent, type Nudge } from "nudge-sdk/react";

declare global {
  interface Window {
    nudge?: Nudge;
  }
}

const MUG = { id: "mug-1", name: "Mug", price: 24, quantity: 1 };

export function App() {
  const nudge = useNudge();
  const [log, setLog] = useState<string[]>([]);
  const [toast, setToast] = useState<string | null>(null);
  const note = (line: string) => setLog((lines) => [...lines, line]);

  useEffect(() => {
    window.nudge = nudge; // for the test and your console
  }, [nudge]);

  // Typed by the event's name: `event` is a WidgetEvent here, with `reason` for "closed".
  useNudgeEvent("shown", (event) => {
    note(`shown ${event.id}`);
    setToast(`Nudge showed “${event.id}”`);
  });
  useNudgeEvent("clicked", (event) => note(`clicked ${event.id} ${JSON.stringify(event.props)}`));
  useNudgeEvent("closed", (event) => note(`closed ${event.id} (${event.reason})`));
  useNudgeEvent("action", ({ name, payload }) => {
    if (name === "add_to_cart") nudge.cart.add({ ...MUG, id: String(payload.id ?? MUG.id) });
  });

  return (
    <main>
      <h1>Nudge in a React app</h1>
      <p>Add the mug to the cart: a rule shows the cart note, a custom widget written in React.</p>
      <button type="button" onClick={() => nudge.cart.add(MUG)}>
        Add a mug to the cart
      </button>
      {toast && (
        <p role="status" className="toast">
          {toast}
        </p>
      )}
      <h2>Events</h2>
      <ul aria-label="Events">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </main>
  );
}
