import { join } from "node:path";
import { isThetaError, type SnapshotMetadata } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { checkSnapshotTail, GenesisImportErrorCode } from "../../src/compose/genesisImport.ts";
import { snapshotChainId } from "../../src/compose/snapshotChainId.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { makeBlock } from "../store/helpers.ts";

const hashOf = (h: ReturnType<typeof makeBlock>["header"]): Uint8Array =>
  defaultCrypto.keccak256(new TextEncoder().encode(`${h.height}:${h.epoch}`));

function tail(childHeight: bigint, certified: Uint8Array): SnapshotMetadata {
  const parent = makeBlock(9n).header;
  const block = makeBlock(10n).header;
  const child = { ...makeBlock(childHeight).header, hcc: { blockHash: certified, votes: [] } };
  return {
    proofTrios: [],
    tailTrio: {
      first: { header: parent, proof: [] },
      second: { header: block },
      third: { header: child, voteSet: [] },
    },
  };
}

function codeOf(f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    if (isThetaError(e)) return e.code;
    throw e;
  }
  return undefined;
}

describe("starting from a snapshot above genesis", () => {
  const blockHash = hashOf(makeBlock(10n).header);
  it("accepts a tail whose child at H+1 certifies the snapshot block", () => {
    expect(codeOf(() => checkSnapshotTail(tail(11n, blockHash), blockHash))).toBeUndefined();
  });
  it("refuses a child that certifies another block, or that is not at H+1", () => {
    const other = new Uint8Array(32).fill(9);
    expect(codeOf(() => checkSnapshotTail(tail(11n, other), blockHash))).toBe(
      GenesisImportErrorCode.BadSnapshotTail,
    );
    expect(codeOf(() => checkSnapshotTail(tail(12n, blockHash), blockHash))).toBe(
      GenesisImportErrorCode.BadSnapshotTail,
    );
  });
  it("reads the chain id of a snapshot file before importing it", async () => {
    expect(await snapshotChainId(join(FIXTURE_NODE, "snapshot"))).toBe("privatenet");
  });
});
