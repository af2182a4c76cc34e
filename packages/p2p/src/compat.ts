/**
 * Node 20 support. libp2p 2.x runs on Node 20 except for one transitive dependency (`it-queue`,
 * through `mortice` in the peer store) that calls `Promise.withResolvers`, added in Node 22. This
 * installs the standard behaviour of that one static method when it is missing, and nothing else.
 */

interface WithResolvers {
  withResolvers?: <T>() => {
    promise: Promise<T>;
    resolve: (value: T | PromiseLike<T>) => void;
    reject: (reason?: unknown) => void;
  };
}

/** Installs `Promise.withResolvers` if the runtime lacks it; idempotent. */
export function ensurePromiseWithResolvers(): void {
  const P = Promise as unknown as WithResolvers;
  if (typeof P.withResolvers === "function") return;
  P.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
