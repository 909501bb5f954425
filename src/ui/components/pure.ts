import { Component, type ComponentType, h } from "preact";

/**
 * A component its parent re-renders only when one of its props changed (Object.is
 * per prop), like React's memo without preact/compat. Its own hooks still update it.
 */
export const pure = <P extends object>(Inner: ComponentType<P>): ComponentType<P> => {
  class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const before = this.props as Record<string, unknown>;
      const after = next as Record<string, unknown>;
      const keys = Object.keys(after);
      return keys.length !== Object.keys(before).length || keys.some((k) => !Object.is(before[k], after[k]));
    }
    override render() {
      return h(Inner, this.props);
    }
  }
  return Pure as unknown as ComponentType<P>;
};
