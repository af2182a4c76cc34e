/**
 * Block tags onto Theta's finality (the node README's table): `latest`, `safe` and `finalized`
 * are the last finalized block (Theta finalizes in two rounds, so there is nothing safer and
 * nothing later that is final); `pending` is the engine's tip for blocks and the screened state
 * (mempool applied) for account reads; `earliest` is the block the node started from.
 */
import { equalBytes, type Hash, bytesToHex as hex } from "@theta/core-types";
import type { StateAt, StoredBlock } from "../chainQuery.ts";
import { handlerError } from "../methods/common.ts";
import type { EthChain } from "./ethChain.ts";
import type { BlockSpec } from "./ethParams.ts";

/** The block `spec` names, or undefined when there is none (yet). */
export async function resolveBlock(chain: EthChain, spec: BlockSpec): Promise<StoredBlock | undefined> {
  const hash = await resolveBlockHash(chain, spec);
  return hash === undefined ? undefined : chain.query.blockByHash(hash);
}

async function resolveBlockHash(chain: EthChain, spec: BlockSpec): Promise<Hash | undefined> {
  switch (spec.kind) {
    case "hash":
      return spec.hash;
    case "number":
      return chain.finalizedHashAt(spec.number);
    case "tag":
      switch (spec.tag) {
        case "earliest":
          return chain.finalizedHashAt(chain.earliestHeight());
        case "pending":
          return (await chain.tip())?.hash ?? (await chain.finalizedHead())?.hash;
        default:
          return (await chain.finalizedHead())?.hash;
      }
  }
}

/** The state a read at `spec` uses; throws -32000 `header not found` for a block that is not finalized. */
export async function resolveState(chain: EthChain, spec: BlockSpec): Promise<StateAt> {
  const head = await chain.finalizedHead();
  const latest: StateAt = { kind: "latest", preview: false };
  const atHeight = (height: bigint): StateAt => {
    if (head === undefined || height > head.height) throw handlerError("header not found");
    return height === head.height ? latest : { kind: "height", height };
  };
  switch (spec.kind) {
    case "number":
      return atHeight(spec.number);
    case "hash": {
      const block = await chain.query.blockByHash(spec.hash);
      if (block === undefined) throw handlerError(`header for hash 0x${hex(spec.hash)} not found`);
      const height = block.block.block.header.height;
      const canonical = await chain.finalizedHashAt(height);
      if (canonical === undefined || !equalBytes(canonical, spec.hash)) {
        throw handlerError(`hash 0x${hex(spec.hash)} is not currently canonical (not finalized)`);
      }
      return atHeight(height);
    }
    case "tag":
      if (spec.tag === "pending") return { kind: "latest", preview: true };
      if (spec.tag === "earliest") return atHeight(chain.earliestHeight());
      return latest;
  }
}
