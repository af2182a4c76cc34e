import { describe, expect, it } from "vitest";
import "../src/index.ts";
import { installPromiseWithResolvers } from "../src/promiseWithResolvers.ts";

type WithResolvers = {
  withResolvers?: () => {
    promise: Promise<unknown>;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  };
};

describe("the Node 20 Promise.withResolvers polyfill", () => {
  it("the package entry leaves Promise.withResolvers available (installed on Node 20, native on 22+)", async () => {
    const { promise, resolve } = (Promise as unknown as Required<WithResolvers>).withResolvers();
    resolve(7);
    expect(await promise).toBe(7);
  });

  it("installs the standard behaviour where it is missing: resolve and reject settle the promise", async () => {
    const bare = {} as WithResolvers;
    expect(installPromiseWithResolvers(bare as unknown as PromiseConstructor)).toBe(true);
    const ok = bare.withResolvers!();
    ok.resolve("done");
    expect(await ok.promise).toBe("done");
    const bad = bare.withResolvers!();
    bad.reject(new Error("no"));
    await expect(bad.promise).rejects.toThrow("no");
  });

  it("leaves an existing implementation alone", () => {
    const native = () => ({ promise: Promise.resolve(), resolve: () => {}, reject: () => {} });
    const target = { withResolvers: native } as WithResolvers;
    expect(installPromiseWithResolvers(target as unknown as PromiseConstructor)).toBe(false);
    expect(target.withResolvers).toBe(native);
  });
});
