/**
 * Elite-edge-node stakes in a genesis description (`eliteEdgeNodeStakes`, used by `theta devnet init
 * --eens`): parsed, checked for a BLS proof of possession like guardians (GENESIS_BAD_EEN_POP), and
 * written as `ls/een/<holder>` records with their sum in `ls/eentas` (docs/ledger.md §2.10).
 */
import { bytesToHex, hexToBytes, isThetaError, MAX_RETURN_HEIGHT, privatenet } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromPrivateKey, defaultCrypto } from "@theta/crypto";
import { importSnapshot } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { GenesisErrorCode, parseGenesisDescription } from "../../src/genesis/description.ts";
import { checkGuardianPops } from "../../src/genesis/guardianPop.ts";
import { PRIVATENET_TEST_KEYS } from "../../src/genesis/privatenet.ts";
import { createRecordingTrieDatabase } from "../../src/genesis/recordingTrieDatabase.ts";
import { writeGenesisSnapshot } from "../../src/genesis/writeGenesis.ts";

const [k1, k2] = PRIVATENET_TEST_KEYS;
const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;
const E18 = 10n ** 18n;

/** An EEN stake of `amount` TFUEL held by key `k`, BLS key and PoP derived from it here. */
function een(k: { address: string; privateKey: string }, amount: bigint, source = `0x${k.address}`) {
  const sk = blsSecretKeyFromPrivateKey(hexToBytes(k.privateKey));
  return {
    source,
    holder: `0x${k.address}`,
    tfuelWei: (amount * E18).toString(),
    blsPubkey: hex(blsPublicKey(sk).bytes),
    blsPop: hex(blsPopProve(sk).bytes),
  };
}
const describeWith = (eliteEdgeNodeStakes: unknown[]) =>
  parseGenesisDescription({ chainId: "eentest", eliteEdgeNodeStakes });
const corrupt = (pop: string) =>
  `${pop.slice(0, -2)}${(Number.parseInt(pop.slice(-2), 16) ^ 1).toString(16).padStart(2, "0")}`;

describe("EEN stakes in a genesis description", () => {
  it("parses them (absent means none) and refuses a stake without tfuelWei", () => {
    expect(parseGenesisDescription({ chainId: "eentest" }).eliteEdgeNodeStakes).toEqual([]);
    const e = een(k1!, 10_000n);
    expect(describeWith([e]).eliteEdgeNodeStakes).toEqual([e]);
    const { tfuelWei: _dropped, ...noAmount } = e;
    expect(() => describeWith([noAmount])).toThrow(/eliteEdgeNodeStakes\.0\.tfuelWei/);
  });

  it("refuses an EEN whose proof of possession does not verify, or is missing, with GENESIS_BAD_EEN_POP", () => {
    const good = een(k1!, 10_000n);
    const other = een(k2!, 10_000n);
    expect(() => checkGuardianPops(describeWith([good, other]))).not.toThrow();
    const cases = [
      { ...other, blsPop: corrupt(other.blsPop) },
      { ...other, blsPop: good.blsPop },
      { ...other, blsPop: undefined },
    ];
    for (const bad of cases) {
      let caught: unknown;
      try {
        checkGuardianPops(describeWith([good, JSON.parse(JSON.stringify(bad))]));
      } catch (e) {
        caught = e;
      }
      expect(isThetaError(caught, GenesisErrorCode.BadEenPop)).toBe(true);
      expect((caught as Error).message).toMatch(
        new RegExp(`^eliteEdgeNodeStakes\\[1\\]\\.blsPop: elite edge node ${other.holder} `),
      );
    }
  });

  it("writes ls/een records per holder (stakes in order, from their sources) and their sum as ls/eentas", async () => {
    const source = `0x${k2!.address}`;
    const file = describeWith([een(k1!, 10_000n), een(k2!, 20_000n), een(k1!, 30_000n, source)]);
    const chunks: Uint8Array[] = [];
    await writeGenesisSnapshot(
      { crypto: defaultCrypto, sink: { write: (b: Uint8Array) => void chunks.push(b.slice()) } },
      file,
      { forks: privatenet.headerForks },
    );
    const bytes = Buffer.concat(chunks);
    const { state } = await importSnapshot({ db: createRecordingTrieDatabase() }, [bytes], {
      forks: privatenet.headerForks,
    });
    const first = await state.getEliteEdgeNode(hexToBytes(k1!.address));
    expect(first?.stakes).toEqual([
      {
        source: hexToBytes(k1!.address),
        amount: 10_000n * E18,
        withdrawn: false,
        returnHeight: MAX_RETURN_HEIGHT,
      },
      {
        source: hexToBytes(k2!.address),
        amount: 30_000n * E18,
        withdrawn: false,
        returnHeight: MAX_RETURN_HEIGHT,
      },
    ]);
    expect(hex(first!.blsPubkey)).toBe(een(k1!, 1n).blsPubkey);
    const second = await state.getEliteEdgeNode(hexToBytes(k2!.address));
    expect(second?.stakes.map((s) => s.amount)).toEqual([20_000n * E18]);
    expect(await state.getEenTotalActiveStake()).toBe(60_000n * E18);
  });
});
