import { beforeEach, describe, expect, it, vi } from "vitest";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { applyUpdate, offerUpdateForTest } from "../../src/state/update-actions.ts";

describe("app update", () => {
  beforeEach(() => appStore.setState(initialAppState()));

  it("activates at once when nothing is being edited or synced", () => {
    const activate = vi.fn();
    offerUpdateForTest({ activate });
    expect(appStore.getState().updateReady).toBe(true);
    applyUpdate();
    expect(activate).toHaveBeenCalledTimes(1);
  });

  it("waits for the field being edited and the running sync, then activates once", () => {
    const activate = vi.fn();
    offerUpdateForTest({ activate });
    appStore.setState({ editing: 1, syncing: true });
    applyUpdate();
    expect(activate).not.toHaveBeenCalled();
    appStore.setState({ editing: 0 });
    expect(activate).not.toHaveBeenCalled();
    appStore.setState({ syncing: false });
    expect(activate).toHaveBeenCalledTimes(1);
    appStore.setState({ editing: 1 });
    appStore.setState({ editing: 0 });
    expect(activate).toHaveBeenCalledTimes(1);
  });
});
