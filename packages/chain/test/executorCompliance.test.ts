import { executorComplianceSuite } from "@theta/consensus/testing";
import { describe, it } from "vitest";
import { BOB, SENDERS, sendTx, VALIDATOR } from "./helpers/keys.ts";
import { createTestNode, profile } from "./helpers/testNode.ts";

executorComplianceSuite(
  "@theta/chain on the ledger and the memory KvStore",
  async () => {
    const node = await createTestNode();
    let next = 0;
    return {
      executor: node.exec,
      genesis: node.genesis,
      genesisHash: node.genesisHash,
      hashOf: (header) => node.blocks.hashOf(header),
      proposer: VALIDATOR.address,
      stored: async (block) => void (await node.blocks.put(block)),
      // Each proposal carries a SendTx of a sender no branch has used yet.
      beforePropose: async () => {
        const from = SENDERS[next++ % SENDERS.length]!;
        await node.add(sendTx(profile.chainId, from, BOB, 1n, 1n));
      },
    };
  },
  { describe, it },
);
