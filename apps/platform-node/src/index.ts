/**
 * Node.js platform adapters shared by the `theta` node and the `thetacli` wallet: terminal password
 * input (no echo on a TTY, one line per question otherwise), scrypt on node:crypto for keystores,
 * operating-system randomness, and the JSON-RPC core of both apps' servers (`jsonRpc/`). An adapter package, like p2p: it may use Node's APIs.
 * The LevelDB `KvStore` is the subpath `@theta/platform-node/level` (`openLevelKvStore`), kept out
 * of this entry so that importing it does not load classic-level's native binding.
 *
 * @packageDocumentation
 */

export * from "./jsonRpc/index.ts";
export {
  type AskPassword,
  createPasswordPrompter,
  PasswordInputErrorCode,
  type PromptInput,
} from "./passwordPrompt.ts";
export { nodeRandom } from "./random.ts";
export { nodeScrypt, type ScryptParams } from "./scrypt.ts";
export {
  createSignatureWorkers,
  type SignatureWorkerOptions,
  type SignatureWorkerPool,
  type SignatureWorkerStats,
  SignatureWorkersErrorCode,
  type SliceDispatch,
} from "./signatureWorkers.ts";
