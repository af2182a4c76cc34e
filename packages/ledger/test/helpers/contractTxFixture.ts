/** Shared set-up of the SmartContractTx executor tests: keys, a state with a funded sender, txs. */
import {
  type ChainProfile,
  coins,
  EMPTY_ROOT_HASH,
  ethSigningPreimage,
  mapChainId,
  minGasPrice,
  newAccount,
  type SmartContractTx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { openStateView } from "../../src/state/stateView.ts";
import { createFakeRuntime } from "./fakeRuntime.ts";
import { createMemoryTrieDatabase } from "./memoryTrie.ts";

export const crypto = createCrypto(nobleBackend);
export const SK = new Uint8Array(32).fill(7);
export const A = crypto.privateKeyToAddress(SK);
export const E18 = 10n ** 18n;
export const PROPOSER = crypto.privateKeyToAddress(new Uint8Array(32).fill(9));
export const INIT_CODE = new Uint8Array([0x60, 0x80, 0x60, 0x40, 0x52]);

export async function setup(profile: ChainProfile, height: bigint, mode: ExecMode = ExecMode.Deliver) {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(10n * E18, 1000n * E18) });
  const runtime = createFakeRuntime(crypto);
  const ctx: ExecContext = {
    state,
    profile,
    height,
    crypto,
    mode,
    runtime,
    block: { parentTimestamp: 1234n, proposer: PROPOSER },
  };
  return { state, runtime, ctx };
}

export function contractTx(
  profile: ChainProfile,
  height: bigint,
  o: Partial<{
    to: Uint8Array;
    seq: bigint;
    value: bigint;
    theta: bigint;
    gasLimit: bigint;
    gasPrice: bigint;
    data: Uint8Array;
  }> = {},
  sign = true,
): SmartContractTx {
  const tx: SmartContractTx = {
    type: TxType.SmartContract,
    from: {
      address: A,
      coins: coins(o.theta ?? 0n, o.value ?? 0n),
      sequence: o.seq ?? 1n,
      signature: new Uint8Array(0),
    },
    to: { address: o.to ?? ZERO_ADDRESS, coins: coins(0n, 0n) },
    gasLimit: o.gasLimit ?? 200_000n,
    gasPrice: o.gasPrice ?? minGasPrice(profile, height),
    data: o.data ?? INIT_CODE,
  };
  return sign ? crypto.signTx(profile.chainId, tx, SK) : tx;
}

export function ethSign(profile: ChainProfile, height: bigint, tx: SmartContractTx): SmartContractTx {
  const heights = {
    rpcCompatibility: profile.heights.rpcCompatibility,
    metachain: profile.heights.enableMetachainSupport,
  };
  const hash = crypto.keccak256(
    ethSigningPreimage(tx, mapChainId(profile.chainId, height, heights, crypto.keccak256)),
  );
  const sig = crypto.backend.signHash(hash, SK);
  sig[64] = sig[64]! + 27;
  return { ...tx, from: { ...tx.from, signature: sig } };
}
