import type { StoredBlock } from "../../../src/rpc/chainQuery.ts";
import {
  BlockStatus,
  blockTx,
  CONTRACT_ADDRESS,
  crypto,
  DEPLOY_CODE,
  deployTx,
  GENESIS_HASH,
  GENESIS_HEADER,
  reserveFundTx,
  sendTx,
  storedBlock,
} from "./chainData.ts";

/** Fresh copies of the fake chain's three blocks, linked parent to child. */
export function fakeChainBlocks(): { genesis: StoredBlock; b1: StoredBlock; b2: StoredBlock } {
  const genesisStored: StoredBlock = {
    hash: GENESIS_HASH,
    block: {
      block: { header: GENESIS_HEADER, txs: [] },
      children: [],
      status: BlockStatus.Trusted,
      hasValidatorUpdate: false,
    },
    txs: [],
  };
  const send = blockTx(sendTx(1n));
  const deploy = blockTx(deployTx(2n), {
    logs: [
      {
        address: CONTRACT_ADDRESS,
        topics: [crypto.keccak256(DEPLOY_CODE)],
        data: DEPLOY_CODE.subarray(0, 8),
      },
    ],
    evmReturn: DEPLOY_CODE.subarray(4),
    contractAddress: CONTRACT_ADDRESS,
    gasUsed: 123_456n,
    evmError: "",
  });
  const b1Draft = storedBlock(
    { height: 1n, epoch: 1n, parent: GENESIS_HASH, timestamp: 1549056900n },
    [send, deploy],
    BlockStatus.DirectlyFinalized,
  );
  const reserve = blockTx(reserveFundTx(3n));
  const b2 = storedBlock(
    { height: 2n, epoch: 2n, parent: b1Draft.hash, timestamp: 1549056902n },
    [reserve],
    BlockStatus.Committed,
  );
  const b1: StoredBlock = { ...b1Draft, block: { ...b1Draft.block, children: [b2.hash] } };
  const genesis: StoredBlock = { ...genesisStored, block: { ...genesisStored.block, children: [b1.hash] } };
  return { genesis, b1, b2 };
}
