/**
 * The update logic between the page and its service worker, loaded by sw-bridge.ts after the page's `load` event
 * (with workbox-window), never part of the first screen. Kept free of workbox-window itself, so that the unit
 * tests drive it with a fake (tests/node/sw-bridge.test.ts).
 */

/** What the bridge needs of workbox-window's `Workbox`. */
export interface WorkboxLike {
  addEventListener(
    type: "waiting" | "controlling",
    listener: (event: { isExternal?: boolean; isUpdate?: boolean }) => void,
  ): void;
  register(): Promise<unknown>;
  update(): Promise<unknown>;
  messageSkipWaiting(): void;
}

/** What the bridge needs of the page (real ones in sw-bridge.ts; fakes in the tests). */
export interface BridgeEnv {
  reload(): void;
  now(): number;
  /** Calls `fn` each time the page comes back to the foreground. */
  onVisible(fn: () => void): void;
}

/** How often (at most) a page that comes back to the foreground asks the server for a new worker. */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * One page's connection to its service worker: tells `onWaiting` once when a new version is installed and waits,
 * switches to it only when asked ({@link ServiceWorkerBridge.applyUpdate}: `skipWaiting`, then one reload when the
 * new worker controls the page), and asks for updates when a long-open page comes back to the foreground.
 */
export class ServiceWorkerBridge {
  private waiting = false;
  private applying = false;
  private reloaded = false;
  private lastCheck: number;

  constructor(
    private readonly wb: WorkboxLike,
    env: BridgeEnv,
    onWaiting: () => void,
  ) {
    this.lastCheck = env.now();
    // A new worker is installed and waits for the pages of the old one (also when it was already waiting before
    // this page loaded, or was installed from another tab).
    wb.addEventListener("waiting", () => {
      if (this.waiting) return;
      this.waiting = true;
      onWaiting();
    });
    // The worker we asked to take over controls the page: reload once, to run the new version. (A worker that
    // takes control without being asked, from another tab's "Cập nhật", does not reload this page under the
    // citizen's feet: the prompt stays until they choose.)
    wb.addEventListener("controlling", () => {
      if (!this.applying || this.reloaded) return;
      this.reloaded = true;
      env.reload();
    });
    env.onVisible(() => {
      const now = env.now();
      if (now - this.lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
      this.lastCheck = now;
      void wb.update().catch(() => undefined);
    });
  }

  /** Registers the worker; a failure (no support, blocked, offline) leaves the app working as a plain page. */
  async register(): Promise<boolean> {
    try {
      await this.wb.register();
      return true;
    } catch {
      return false;
    }
  }

  /** Is a new version waiting? */
  get updateWaiting(): boolean {
    return this.waiting;
  }

  /** The citizen chose "Cập nhật": the waiting worker takes over, then the page reloads once. */
  applyUpdate(): void {
    if (!this.waiting || this.applying) return;
    this.applying = true;
    this.wb.messageSkipWaiting();
  }
}
