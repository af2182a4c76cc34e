/**
 * The native backend of @theta/crypto: libsecp256k1 and XKCP keccak through prebuilt N-API
 * modules, short keccak inputs on a WebAssembly sponge. Inject it with
 * `createCrypto(nativeBackend)`; importing this package rejects when its native modules cannot
 * load, so apps load it with a fallback to noble.
 *
 * @packageDocumentation
 */
export { keccak256Xkcp } from "./keccak.ts";
export { nativeBackend, WASM_KECCAK_BELOW } from "./nativeBackend.ts";
export { createWasmKeccak256 } from "./wasm/keccak.ts";
