import { useEffect, useReducer, useRef } from "preact/hooks";
import type { StoreApi } from "zustand/vanilla";

/**
 * Subscribes a component to the slice of a store it selects, re-rendering only
 * when that slice changes (Object.is). Uses Preact's own hooks so the page
 * needs no React compatibility layer.
 */
export const useStoreSelector = <S, T>(store: StoreApi<S>, selector: (state: S) => T): T => {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const value = selector(store.getState());
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(() => {
    const check = (state: S) => {
      if (!Object.is(selectorRef.current(state), valueRef.current)) rerender(0);
    };
    const unsubscribe = store.subscribe(check);
    // The state may have moved between render and subscription.
    check(store.getState());
    return unsubscribe;
  }, [store]);
  return value;
};
