import { createContext, createElement, useContext, useEffect, useRef, type ReactNode } from "react";
import { createNudge, type Nudge } from "../core/create-nudge.js";
import type { NudgeEvents, NudgeOptions } from "../core/types.js";

const NudgeContext = createContext<Nudge | null>(null);

/**
 * Instances made from an options object, by that object: React renders a component twice on
 * mount in StrictMode (React 18 even with fresh hooks), and both renders must get one instance.
 */
const made = new WeakMap<NudgeOptions, Nudge>();

/** What `<NudgeProvider>` takes: the options of the instance it creates, or an instance your app created. */
export type NudgeProviderProps = { children?: ReactNode } & ({ options: NudgeOptions; nudge?: undefined } | { nudge: Nudge; options?: undefined });

/**
 * Gives the components below it a Nudge instance (`useNudge`, `useNudgeEvent`). With `options` it
 * creates the instance on mount (later changes of `options` are not applied) and destroys it on
 * unmount; StrictMode's simulated unmount and remount keep the one instance. With `nudge` it
 * shares an instance your app created and leaves its lifetime to you.
 *
 * @example
 * createRoot(el).render(
 *   <StrictMode>
 *     <NudgeProvider options={{ rules: "/nudge-rules.json", widgets: { "cart-note": cartNote } }}>
 *       <App />
 *     </NudgeProvider>
 *   </StrictMode>,
 * );
 */
export function NudgeProvider(props: NudgeProviderProps) {
  const own = useRef<{ nudge: Nudge; options: NudgeOptions } | null>(null);
  const destroying = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { options } = props;
  if (!props.nudge && !own.current) {
    if (typeof options !== "object" || options === null) throw new Error("[nudge] <NudgeProvider>: give it options={…} or nudge={instance}");
    const nudge = made.get(options) ?? createNudge(options);
    made.set(options, nudge);
    own.current = { nudge, options };
  }
  useEffect(() => {
    const mine = own.current;
    if (!mine) return;
    clearTimeout(destroying.current); // StrictMode's remount: the same instance goes on
    return () => {
      // Destroyed only if no remount follows right away (StrictMode unmounts and remounts every effect once).
      destroying.current = setTimeout(() => {
        made.delete(mine.options);
        mine.nudge.destroy();
      });
    };
  }, []);
  return createElement(NudgeContext.Provider, { value: props.nudge ?? own.current!.nudge }, props.children);
}

/**
 * The Nudge instance of the nearest `<NudgeProvider>`. Its methods are safe to call at any time,
 * also before the rules have loaded. Throws when there is no provider above: a wiring mistake
 * that every render shows at once.
 *
 * @example
 * function AddToCart({ product }: { product: Product }) {
 *   const nudge = useNudge();
 *   return <button onClick={() => nudge.cart.add({ id: product.id, name: product.name, price: product.price })}>Add to cart</button>;
 * }
 */
export function useNudge(): Nudge {
  const nudge = useContext(NudgeContext);
  if (!nudge) throw new Error("[nudge] useNudge(): no <NudgeProvider> above this component");
  return nudge;
}

/**
 * Calls `handler` on each Nudge event `name` (see `NudgeEvents`) while the component is mounted;
 * the payload is typed by the event's name. The latest `handler` is called: it need not be memoized.
 *
 * @example
 * useNudgeEvent("lead", ({ id, fields }) => crm.send(id, fields));
 * useNudgeEvent("action", ({ name, payload }) => name === "add_to_cart" && addToCart(payload.id));
 */
export function useNudgeEvent<K extends keyof NudgeEvents>(name: K, handler: (payload: NudgeEvents[K]) => void): void {
  const nudge = useNudge();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => nudge.on(name, (payload) => latest.current(payload)), [nudge, name]);
}
