/** Whether the browser thinks it is online, and when that changes. */
export interface NetworkStatus {
  readonly online: boolean;
  /** Calls `listener` on every change; returns the function that unsubscribes. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/**
 * `navigator.onLine` with the window's `online`/`offline` events. Offline is only a hint
 * (a captive portal is "online"), so it pauses uploads rather than failing them; where the
 * browser gives no hint (Node) it counts as online.
 */
export const browserNetworkStatus: NetworkStatus = {
  get online(): boolean {
    return globalThis.navigator?.onLine ?? true;
  },
  subscribe(listener) {
    const target = globalThis.window as Window | undefined;
    if (target === undefined) {
      return () => undefined;
    }
    const online = () => listener(true);
    const offline = () => listener(false);
    target.addEventListener('online', online);
    target.addEventListener('offline', offline);
    return () => {
      target.removeEventListener('online', online);
      target.removeEventListener('offline', offline);
    };
  },
};

/** Resolves at once when online, else at the next `online` event. */
export function whenOnline(network: NetworkStatus): Promise<void> {
  if (network.online) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const unsubscribe = network.subscribe((online) => {
      if (online) {
        unsubscribe();
        resolve();
      }
    });
  });
}
