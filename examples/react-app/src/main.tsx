import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { NudgeProvider } from "nudge-sdk/react";
import type { NudgeOptions } from "nudge-sdk";
import { App } from "./App";
import { cartNote } from "./CartNote";
import { rules } from "./rules";

// Read once, when the provider mounts. The React widget type is registered here like a Preact one.
const options: NudgeOptions = { rules, widgets: { "cart-note": cartNote } };

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <NudgeProvider options={options}>
      <App />
    </NudgeProvider>
  </StrictMode>,
);
