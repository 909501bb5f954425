/*
 * The notice strip floats over the bottom edge so a notice never shifts the sheet a
 * panelist is scoring. Floating alone hid the end of the page behind it: with a notice
 * up, the last award tick or note could not be scrolled into view. This hook keeps the
 * strip's height in `--bottom-reserve` on the document, and `main` reserves that much
 * space below its content, so every control can still be scrolled clear of the strip.
 */
import { useLayoutEffect, useRef } from "preact/hooks";

export const BOTTOM_RESERVE_PROPERTY = "--bottom-reserve";

export const useBottomReserve = <E extends HTMLElement>() => {
  const ref = useRef<E>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const reserve = () => root.style.setProperty(BOTTOM_RESERVE_PROPERTY, `${element.offsetHeight}px`);
    const observer = new ResizeObserver(reserve);
    observer.observe(element);
    reserve();
    return () => {
      observer.disconnect();
      root.style.removeProperty(BOTTOM_RESERVE_PROPERTY);
    };
  }, []);
  return ref;
};
