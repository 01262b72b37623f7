export type Listener<T> = (payload: T) => void;

/**
 * A tiny event emitter whose listeners are isolated: one that throws is
 * reported and the others still run (as in nanostores' drainQueue).
 */
export function createEmitter<Events extends object>(onListenerError: (event: string, error: unknown) => void) {
  // No prototype: an event named "toString" or "__proto__" must find no inherited value.
  const listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = Object.create(null);
  return {
    on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
      const set = (listeners[event] ??= new Set());
      set.add(listener);
      return () => set.delete(listener);
    },
    emit<K extends keyof Events>(event: K, payload: Events[K]): void {
      for (const listener of [...(listeners[event] ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(String(event), error);
        }
      }
    },
    clear(): void {
      for (const key in listeners) delete listeners[key];
    },
  };
}
