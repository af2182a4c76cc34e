/** Account reads: balance (TFuel wei), nonce (the account's sequence), code and storage words. */
import { hexToBytes } from "@theta/core-types";
import { z } from "zod";
import type { StateAt, StateRead } from "../../chainQuery.ts";
import { handlerError } from "../../methods/common.ts";
import type { RpcMethod } from "../../registry.ts";
import { resolveState } from "../blockResolver.ts";
import type { EthChain } from "../ethChain.ts";
import { data, quantity } from "../ethHex.ts";
import { ethMethod } from "../ethMethod.ts";
import { addressArg, optionalBlockArg } from "../ethParams.ts";

/** A storage slot: `0x` and up to 64 hex digits, left-padded to 32 bytes. */
const slotArg = z
  .string({ error: "expected a 0x-prefixed storage slot" })
  .regex(/^0[xX][0-9a-fA-F]{1,64}$/, "expected 0x and 1 to 64 hex digits")
  .transform((s) => hexToBytes(s.slice(2).padStart(64, "0")));

function found<T>(read: StateRead<T>, at: StateAt): T {
  switch (read.kind) {
    case "found":
      return read.value;
    case "pruned":
      throw handlerError(
        `missing trie node: the state at height ${at.kind === "height" ? at.height : "latest"} has been pruned`,
      );
    default:
      throw handlerError("header not found");
  }
}

/** The state methods. */
export function stateMethods(chain: EthChain): RpcMethod[] {
  const account = async (address: Uint8Array, at: StateAt) =>
    found(await chain.query.account(address, at), at);
  return [
    ethMethod(
      "eth_getBalance",
      "TFuel balance in wei",
      [
        ["address", addressArg],
        ["block", optionalBlockArg],
      ],
      async ([address, block]) => {
        const at = await resolveState(chain, block);
        return quantity((await account(address, at))?.balance.tfuelWei ?? 0n);
      },
    ),
    ethMethod(
      "eth_getTransactionCount",
      "the nonce of the next tx (the account's sequence); `pending` includes the mempool",
      [
        ["address", addressArg],
        ["block", optionalBlockArg],
      ],
      async ([address, block]) => {
        const at = await resolveState(chain, block);
        return quantity((await account(address, at))?.sequence ?? 0n);
      },
    ),
    ethMethod(
      "eth_getCode",
      "the contract code at an address",
      [
        ["address", addressArg],
        ["block", optionalBlockArg],
      ],
      async ([address, block]) => {
        const at = await resolveState(chain, block);
        return data(found(await chain.query.code(address, at), at));
      },
    ),
    ethMethod(
      "eth_getStorageAt",
      "the 32-byte storage word at a slot",
      [
        ["address", addressArg],
        ["slot", slotArg],
        ["block", optionalBlockArg],
      ],
      async ([address, slot, block]) => {
        const at = await resolveState(chain, block);
        return data(found(await chain.query.storageAt(address, slot, at), at));
      },
    ),
  ];
}
