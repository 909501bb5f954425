// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { SyncBadge } from "../../src/ui/components/SyncBadge.tsx";

beforeEach(() => appStore.setState({ ...initialAppState(), ready: true, online: true }));
afterEach(cleanup);

describe("the sync badge", () => {
  it("on a device with nothing to send (not enrolled, nothing waiting, never synced) shows only the network", () => {
    render(<SyncBadge />);
    expect(screen.getByTestId("sync-network").textContent).toBe("Daring");
    expect(screen.queryByTestId("sync-pending")).toBeNull();
    expect(screen.queryByText("Semua perubahan terkirim")).toBeNull();
    expect(screen.queryByText("Belum pernah sinkron")).toBeNull();
  });

  it("on an enrolled tablet says whether everything was sent and when it last synced", () => {
    appStore.setState({ enrolment: { editionId: "ntb-2021", memberId: "ntb21-ketua" } });
    render(<SyncBadge />);
    expect(screen.getByTestId("sync-pending").textContent).toBe("Semua perubahan terkirim");
    expect(screen.getByTestId("sync-last").textContent).toBe("Belum pernah sinkron");
  });

  it("never hides changes that wait on the device, enrolled or not", () => {
    appStore.setState({ pending: 3, online: false });
    render(<SyncBadge />);
    expect(screen.getByTestId("sync-network").textContent).toBe("Luring");
    expect(screen.getByTestId("sync-pending").textContent).toBe("3 perubahan menunggu dikirim");
  });
});
