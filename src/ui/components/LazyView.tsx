import type { ComponentChildren, ComponentType, VNode } from "preact";
import { useEffect, useState } from "preact/hooks";

type Loader<P> = () => Promise<ComponentType<P>>;

/**
 * Renders a component from a chunk loaded on first use, with a fallback while
 * it loads. Small enough that the page needs no preact/compat for `lazy`.
 */
export const lazyView = <P extends object>(load: Loader<P>) => {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> => {
    pending ??= load().then((c) => {
      loaded = c;
      return c;
    });
    return pending;
  };
  const View = (props: P & { fallback: ComponentChildren }) => {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (component) return;
      let live = true;
      void preload().then((c) => {
        if (live) setComponent(() => c);
      });
      return () => {
        live = false;
      };
    }, [component]);
    const { fallback, ...rest } = props;
    const Loaded = component;
    return Loaded ? <Loaded {...(rest as unknown as P)} /> : (fallback as VNode);
  };
  return View;
};
