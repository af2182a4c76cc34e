/**
 * The SendTx benchmark: N signed SendTx from N distinct senders, applied with
 * `executeSendTx` (signature recovery included) in blocks, with a state commit per block into a
 * versioned state on LevelDB; and the baseline, the same transfers through @ethereumjs/vm `runTx`
 * on its default in-memory state. Signing happens before the timed part.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { createLegacyTx, type LegacyTx } from "@ethereumjs/tx";
import { Account as EvmAccount, Address as EvmAddress } from "@ethereumjs/util";
import { createVM, runTx } from "@ethereumjs/vm";
import {
  type Address,
  accountStorageRoot,
  coins,
  EMPTY_ROOT_HASH,
  type Hash,
  minSendTxFee,
  newAccount,
  privatenet,
  type SendTx,
  TxType,
} from "@theta/core-types";
import type { SignatureBatchVerifier, ThetaCrypto } from "@theta/crypto";
import {
  ExecMode,
  executeSendTx,
  openStateView,
  preverifySignatures,
  withSignatureCache,
} from "@theta/ledger";
import { openLevelKvStore } from "@theta/platform-node/level";
import { createTrieDatabase, createVersionedState, type TrieEngine } from "@theta/trie-store";

const E18 = 10n ** 18n;
const HEIGHT = 10n;

/** Private key number `i` (1-based, big-endian). */
export function secretKey(i: number): Uint8Array {
  const sk = new Uint8Array(32);
  new DataView(sk.buffer).setUint32(28, i);
  return sk;
}

export interface SendWorkload {
  readonly senders: readonly Address[];
  readonly txs: readonly SendTx[];
}

/** N senders, each sending 1 TFuel wei to its own fresh recipient, signed with `crypto`. */
export function buildSends(crypto: ThetaCrypto, n: number): SendWorkload {
  const fee = minSendTxFee(privatenet, HEIGHT, 2);
  const senders: Address[] = [];
  const txs: SendTx[] = [];
  for (let i = 0; i < n; i++) {
    const sk = secretKey(i + 1);
    const from = crypto.privateKeyToAddress(sk);
    const to = crypto.privateKeyToAddress(secretKey(n + i + 1));
    senders.push(from);
    const tx: SendTx = {
      type: TxType.Send,
      fee: coins(0n, fee),
      inputs: [{ address: from, coins: coins(0n, 1n + fee), sequence: 1n, signature: new Uint8Array(0) }],
      outputs: [{ address: to, coins: coins(0n, 1n) }],
    };
    txs.push(crypto.signTx(privatenet.chainId, tx, sk));
  }
  return { senders, txs };
}

const storageRootsOf = (v: Uint8Array): Hash[] => {
  const root = accountStorageRoot(v);
  return root === undefined ? [] : [root];
};

/**
 * Applies the workload on a fresh LevelDB store; returns tx/s of the timed part. With `verifier`,
 * each block's signatures are checked by it ahead of execution (the next block's while the
 * current one executes and commits) into the ledger's signature cache.
 */
export async function runThetaSends(
  work: SendWorkload,
  baseCrypto: ThetaCrypto,
  engine: TrieEngine,
  blockSize: number,
  onPhases?: (ms: { execute: number; root: number; commit: number }) => void,
  verifier?: SignatureBatchVerifier,
): Promise<number> {
  const crypto = verifier === undefined ? baseCrypto : withSignatureCache(baseCrypto, 4 * blockSize);
  const dir = await mkdtemp(join(tmpdir(), "theta-sendtx-"));
  const kv = await openLevelKvStore(dir);
  const vs = createVersionedState(kv, {
    engine,
    storageRootsOf,
    keepVersions: 100,
    keccak256: crypto.keccak256,
  });
  const db = createTrieDatabase({ state: vs });
  const genesis = await openStateView({ db }, EMPTY_ROOT_HASH);
  for (const a of work.senders) await genesis.setAccount({ ...newAccount(a), balance: coins(E18, E18) });
  let root = await genesis.commit();
  await vs.commit(1n, root);
  const t0 = performance.now();
  const phases = { execute: 0, root: 0, commit: 0 };
  const blockTxs = (start: number) => work.txs.slice(start, start + blockSize);
  let ahead = verifier && preverifySignatures(crypto, verifier, privatenet, blockTxs(0));
  for (let start = 0, h = HEIGHT; start < work.txs.length; start += blockSize, h++) {
    await ahead;
    const next = start + blockSize;
    ahead =
      verifier && next < work.txs.length
        ? preverifySignatures(crypto, verifier, privatenet, blockTxs(next))
        : undefined;
    const state = await openStateView({ db }, root);
    const ctx = { state, profile: privatenet, height: h, crypto, mode: ExecMode.Deliver };
    let t = performance.now();
    for (const tx of blockTxs(start)) {
      const r = await executeSendTx(ctx, tx);
      if (!r.ok) throw new Error(`send failed: ${r.failure.message}`);
    }
    phases.execute += performance.now() - t;
    t = performance.now();
    root = await state.commit();
    phases.root += performance.now() - t;
    t = performance.now();
    await vs.commit(h, root);
    phases.commit += performance.now() - t;
  }
  const secs = (performance.now() - t0) / 1000;
  onPhases?.(phases);
  await kv.close();
  await rm(dir, { recursive: true, force: true });
  return work.txs.length / secs;
}

/** The same transfers as Ethereum legacy txs through @ethereumjs/vm runTx; returns tx/s. */
export async function runEthereumSends(n: number, blockSize: number): Promise<number> {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Petersburg });
  const vm = await createVM({ common });
  const txs: LegacyTx[] = [];
  for (let i = 0; i < n; i++) {
    const sk = secretKey(i + 1);
    const tx = createLegacyTx(
      {
        nonce: 0,
        gasPrice: 1,
        gasLimit: 21_000,
        to: new EvmAddress(secretKey(n + i + 1).subarray(12)),
        value: 1,
      },
      { common },
    ).sign(sk);
    await vm.stateManager.putAccount(tx.getSenderAddress(), new EvmAccount(0n, 10n ** 18n));
    txs.push(tx);
  }
  await vm.stateManager.getStateRoot();
  const opts = { skipBlockGasLimitValidation: true, skipHardForkValidation: true };
  const t0 = performance.now();
  for (let start = 0; start < txs.length; start += blockSize) {
    for (const tx of txs.slice(start, start + blockSize)) await runTx(vm, { tx, ...opts });
    await vm.stateManager.getStateRoot();
  }
  return n / ((performance.now() - t0) / 1000);
}
