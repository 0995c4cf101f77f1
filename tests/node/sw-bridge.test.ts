/**
 * The update logic between the page and its service worker (pwa/src/sw-register.ts, driven by sw-bridge.ts) with
 * a fake workbox-window. The browser tests (tests/browser/offline.e2e.test.ts) also run it end to end against a
 * changed sw.js.
 */
import { describe, expect, it } from "vitest";
import {
  type BridgeEnv,
  ServiceWorkerBridge,
  UPDATE_CHECK_INTERVAL_MS,
  type WorkboxLike,
} from "../../pwa/src/sw-register";

type Handler = (event: { isExternal?: boolean; isUpdate?: boolean }) => void;

function fakes() {
  const handlers: Record<string, Handler[]> = {};
  const calls = { register: 0, update: 0, skipWaiting: 0, reload: 0 };
  let now = 1_000_000;
  let visible: (() => void) | null = null;
  const wb: WorkboxLike = {
    addEventListener: (type, fn) => {
      (handlers[type] ??= []).push(fn);
    },
    register: async () => {
      calls.register++;
    },
    update: async () => {
      calls.update++;
    },
    messageSkipWaiting: () => {
      calls.skipWaiting++;
    },
  };
  const env: BridgeEnv = {
    reload: () => {
      calls.reload++;
    },
    now: () => now,
    onVisible: (fn) => {
      visible = fn;
    },
  };
  const fire = (type: string, event = {}) => (handlers[type] ?? []).forEach((fn) => fn(event));
  return {
    wb,
    env,
    calls,
    fire,
    advance: (ms: number) => (now += ms),
    comeBack: () => visible?.(),
  };
}

describe("ServiceWorkerBridge", () => {
  it("registers the worker; a failing registration leaves the page working", async () => {
    const f = fakes();
    const bridge = new ServiceWorkerBridge(f.wb, f.env, () => undefined);
    expect(await bridge.register()).toBe(true);
    expect(f.calls.register).toBe(1);
    const failing = new ServiceWorkerBridge(
      { ...f.wb, register: () => Promise.reject(new Error("blocked")) },
      f.env,
      () => undefined,
    );
    expect(await failing.register()).toBe(false);
  });

  it("announces a waiting version once, and does nothing else until asked", () => {
    const f = fakes();
    let announced = 0;
    const bridge = new ServiceWorkerBridge(f.wb, f.env, () => announced++);
    expect(bridge.updateWaiting).toBe(false);
    f.fire("waiting", { isUpdate: true });
    f.fire("waiting", { isUpdate: true, isExternal: true });
    expect(announced).toBe(1);
    expect(bridge.updateWaiting).toBe(true);
    expect(f.calls.skipWaiting).toBe(0);
    expect(f.calls.reload).toBe(0);
  });

  it("'Cập nhật': skipWaiting, then exactly one reload when the new worker controls the page", () => {
    const f = fakes();
    const bridge = new ServiceWorkerBridge(f.wb, f.env, () => undefined);
    f.fire("waiting");
    bridge.applyUpdate();
    bridge.applyUpdate(); // a double tap
    expect(f.calls.skipWaiting).toBe(1);
    expect(f.calls.reload).toBe(0);
    f.fire("controlling", { isUpdate: true });
    f.fire("controlling", { isUpdate: true });
    expect(f.calls.reload).toBe(1);
  });

  it("never reloads a page whose citizen did not ask (another tab updated), nor applies when nothing waits", () => {
    const f = fakes();
    const bridge = new ServiceWorkerBridge(f.wb, f.env, () => undefined);
    bridge.applyUpdate();
    expect(f.calls.skipWaiting).toBe(0);
    f.fire("waiting");
    f.fire("controlling", { isExternal: true });
    expect(f.calls.reload).toBe(0);
  });

  it("a page back in the foreground asks for a new version at most once an hour", () => {
    const f = fakes();
    new ServiceWorkerBridge(f.wb, f.env, () => undefined);
    f.comeBack();
    expect(f.calls.update).toBe(0);
    f.advance(UPDATE_CHECK_INTERVAL_MS + 1);
    f.comeBack();
    f.comeBack();
    expect(f.calls.update).toBe(1);
    f.advance(UPDATE_CHECK_INTERVAL_MS + 1);
    f.comeBack();
    expect(f.calls.update).toBe(2);
  });
});
