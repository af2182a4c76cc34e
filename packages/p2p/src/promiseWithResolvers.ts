/**
 * Node 20 support, in this one module. libp2p 3 and its dependencies call `Promise.withResolvers`,
 * which Node 22 added; the project supports Node 20.19 and later. Importing this module installs
 * the standard behaviour of that one static method when the runtime lacks it, and touches nothing
 * else (on Node 22 and later it does nothing). The package entry and the module that builds the
 * libp2p host import it first, before any libp2p code runs.
 */

interface WithResolvers {
  withResolvers?: <T>() => {
    promise: Promise<T>;
    resolve: (value: T | PromiseLike<T>) => void;
    reject: (reason?: unknown) => void;
  };
}

/** Installs `Promise.withResolvers` if the runtime lacks it; idempotent. Returns whether it installed it. */
export function installPromiseWithResolvers(target: PromiseConstructor = Promise): boolean {
  const P = target as unknown as WithResolvers;
  if (typeof P.withResolvers === "function") return false;
  P.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
  return true;
}

installPromiseWithResolvers();
