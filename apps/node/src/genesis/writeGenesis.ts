/**
 * Builds a genesis state from a description with the ledger's `buildGenesis` and writes it as a
 * Theta v1 snapshot (docs/interfaces.md §5.1): metadata whose tail trio carries the genesis header,
 * then one SVStart(0) … SVEnd(0) block with every state key/value, sorted by key.
 */
import {
  type Address,
  BLOOM_LENGTH,
  type BlockHeader,
  compareBytes,
  createSnapshotWriter,
  encodeHeader,
  type Hash,
  type HeaderForkHeights,
  hexToBytes,
  MAX_RETURN_HEIGHT,
  parseAddress,
  type SnapshotBlockTrio,
  type SnapshotSink,
  type Stake,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import { buildGenesis, type StateView } from "@theta/ledger";
import type { GenesisFile } from "./description.ts";
import { createRecordingTrieDatabase } from "./recordingTrieDatabase.ts";

/** A header with every field zero, as the reference writes the unused trio members. */
export function emptyHeader(chainId = ""): BlockHeader {
  return {
    chainId,
    epoch: 0n,
    height: 0n,
    parent: ZERO_HASH,
    hcc: { votes: [], blockHash: ZERO_HASH },
    guardianVotes: undefined,
    eliteEdgeNodeVotes: undefined,
    txHash: ZERO_HASH,
    receiptHash: ZERO_HASH,
    bloom: new Uint8Array(BLOOM_LENGTH),
    stateHash: ZERO_HASH,
    timestamp: 0n,
    proposer: ZERO_ADDRESS,
    signature: undefined,
  };
}

/** What was written. */
export interface WrittenGenesis {
  readonly header: BlockHeader;
  readonly stateRoot: Hash;
  /** keccak256 of the header's RLP: the genesis block hash (`genesis.hash` in config.yaml). */
  readonly blockHash: Hash;
  /** State key/value records written (markers not counted). */
  readonly records: number;
}

/** Adds the guardian stakes to the state as `ls/gcp` (ascending by holder address). */
async function addGuardians(state: StateView, file: GenesisFile): Promise<void> {
  if (file.guardianStakes.length === 0) return;
  const byHolder = new Map<string, { holder: Address; blsPubkey: Uint8Array; stakes: Stake[] }>();
  file.guardianStakes.forEach((g, i) => {
    const holder = parseAddress(g.holder, `guardianStakes[${i}].holder`);
    const key = g.holder.toLowerCase();
    const entry = byHolder.get(key) ?? {
      holder,
      blsPubkey: hexToBytes(g.blsPubkey, `guardianStakes[${i}].blsPubkey`),
      stakes: [],
    };
    entry.stakes.push({
      source: parseAddress(g.source, `guardianStakes[${i}].source`),
      amount: BigInt(g.thetaWei),
      withdrawn: false,
      returnHeight: MAX_RETURN_HEIGHT,
    });
    byHolder.set(key, entry);
  });
  const sortedGuardians = [...byHolder.values()].sort((a, b) => compareBytes(a.holder, b.holder));
  await state.setGcp({ sortedGuardians });
}

/** Adds the EEN stakes as `ls/een/<holder>` records and their sum as `ls/eentas` (docs/ledger.md §2.10). */
async function addEliteEdgeNodes(state: StateView, file: GenesisFile): Promise<void> {
  const eens = file.eliteEdgeNodeStakes ?? [];
  if (eens.length === 0) return;
  const byHolder = new Map<string, { holder: Address; blsPubkey: Uint8Array; stakes: Stake[] }>();
  let total = 0n;
  eens.forEach((e, i) => {
    const key = e.holder.toLowerCase();
    const entry = byHolder.get(key) ?? {
      holder: parseAddress(e.holder, `eliteEdgeNodeStakes[${i}].holder`),
      blsPubkey: hexToBytes(e.blsPubkey, `eliteEdgeNodeStakes[${i}].blsPubkey`),
      stakes: [],
    };
    const amount = BigInt(e.tfuelWei);
    entry.stakes.push({
      source: parseAddress(e.source, `eliteEdgeNodeStakes[${i}].source`),
      amount,
      withdrawn: false,
      returnHeight: MAX_RETURN_HEIGHT,
    });
    total += amount;
    byHolder.set(key, entry);
  });
  for (const een of byHolder.values()) await state.setEliteEdgeNode(een);
  await state.setEenTotalActiveStake(total);
}

/** Builds the genesis described by `file` and writes its snapshot to `sink`. */
export async function writeGenesisSnapshot(
  deps: { readonly crypto: ThetaCrypto; readonly sink: SnapshotSink },
  file: GenesisFile,
  opts: { readonly forks: HeaderForkHeights },
): Promise<WrittenGenesis> {
  const db = createRecordingTrieDatabase();
  const checksum = (a: Uint8Array) => deps.crypto.toChecksumAddress(a);
  const { state } = await buildGenesis({ db, checksum }, file);
  await addGuardians(state, file);
  await addEliteEdgeNodes(state, file);
  const stateRoot = await state.commit();
  const header: BlockHeader = {
    ...emptyHeader(file.chainId),
    stateHash: stateRoot,
    timestamp: file.timestamp,
  };
  const empty = emptyHeader();
  const tailTrio: SnapshotBlockTrio = {
    first: { header: empty, proof: [] },
    second: { header },
    third: { header: empty, voteSet: [] },
  };
  const writer = createSnapshotWriter(deps.sink, { forks: opts.forks });
  await writer.writeMetadata({ proofTrios: [], tailTrio });
  await writer.svStart(0n);
  const records = db.records();
  for (const [k, v] of records) await writer.writeRecord(k, v);
  await writer.svEnd(0n);
  await writer.finish();
  return {
    header,
    stateRoot,
    blockHash: deps.crypto.keccak256(encodeHeader(header, opts.forks)),
    records: records.length,
  };
}
