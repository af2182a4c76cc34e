import { ZERO_HASH } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { dec, hex0x } from "../json/encodings.ts";
import type { RpcMethod } from "../registry.ts";
import { checksumAddress } from "./common.ts";

/** `theta.GetStatus` result, members in the reference's order plus two guardian-finality members. */
export interface GetStatusResult {
  readonly address: string;
  readonly chain_id: string;
  readonly peer_id: string;
  readonly latest_finalized_block_hash: string;
  readonly latest_finalized_block_height: string;
  readonly latest_finalized_block_time: string | null;
  readonly latest_finalized_block_epoch: string;
  readonly current_epoch: string;
  readonly current_height: string;
  readonly current_hash: string;
  readonly current_time: string;
  readonly syncing: boolean;
  readonly tip_hash: string;
  readonly genesis_block_hash: string;
  readonly snapshot_block_height: string;
  readonly snapshot_block_hash: string;
  /** docs/decisions.md §5: the last guardian-finalized checkpoint (zero hash / "0" if none). */
  readonly latest_guardian_finalized_block_hash: string;
  readonly latest_guardian_finalized_block_height: string;
}

const Args = z.object({});

/** `theta.GetStatus {}` (docs/interfaces.md §1.4 method 10). */
export function getStatusMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.GetStatus",
    params: Args,
    summary: "node address, chain id, finalized and current heights, sync state, genesis and snapshot hashes",
    handler: async (): Promise<GetStatusResult> => {
      const s = await chain.status();
      const fin = s.latestFinalized;
      const gfin = s.latestGuardianFinalized;
      return {
        address: checksumAddress(s.nodeAddress),
        chain_id: s.chainId,
        peer_id: s.peerId,
        latest_finalized_block_hash: hex0x(fin?.hash ?? ZERO_HASH),
        latest_finalized_block_height: dec(fin?.height ?? 0n),
        latest_finalized_block_time: fin === undefined ? null : dec(fin.timestamp),
        latest_finalized_block_epoch: dec(fin?.epoch ?? 0n),
        current_epoch: dec(s.currentEpoch),
        current_height: dec(s.currentHeight),
        current_hash: hex0x(s.currentHash),
        current_time: dec(s.currentTime),
        syncing: s.syncing,
        tip_hash: hex0x(s.tipHash),
        genesis_block_hash: hex0x(s.genesisHash),
        snapshot_block_height: dec(s.snapshotHeight),
        snapshot_block_hash: hex0x(s.snapshotHash),
        latest_guardian_finalized_block_hash: hex0x(gfin?.hash ?? ZERO_HASH),
        latest_guardian_finalized_block_height: dec(gfin?.height ?? 0n),
      };
    },
  };
}
