/**
 * Realistic chain data for the RPC tests: the reference privatenet's genesis header (spec
 * facts, docs/interfaces.md §5.1), transactions signed with the thetacli test keys (§5.2) and
 * encoded with core-types, and a few blocks built around them.
 */
import {
  type Account,
  type Address,
  BLOOM_LENGTH,
  type BlockHeader,
  BlockStatus,
  bytesToHex,
  EMPTY_CODE_HASH,
  type ExtendedBlock,
  encodeHeader,
  encodeTx,
  hexToBytes,
  MAINNET_HEADER_FORKS,
  privatenet,
  type ReserveFundTx,
  type SendTx,
  type SmartContractTx,
  type Tx,
  TxType,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { BlockTx, StoredBlock, TxReceipt } from "../../../src/rpc/chainQuery.ts";
import { toStoredBlock } from "../../../src/rpc/storedBlock.ts";

export const crypto = defaultCrypto;
export const CHAIN_ID = "privatenet";
export const FORKS = privatenet.headerForks;

/** Test private keys (docs/interfaces.md §5.2). */
export const KEYS = {
  validator: hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737"),
  alice: hexToBytes("931f84b1891be0b745875ecc9f929d5252c3fdbfbaa4a40810089b44158b02c1"),
} as const;
export const VALIDATOR: Address = crypto.privateKeyToAddress(KEYS.validator);
export const ALICE: Address = crypto.privateKeyToAddress(KEYS.alice);
/** Funded in the privatenet genesis, key not published. */
export const RECEIVER: Address = hexToBytes("9F1233798E905E173560071255140b4A8aBd3Ec6");

export const WEI = 10n ** 18n;
export const MIN_FEE = 10n ** 12n;
const coins = (theta: bigint, tfuel: bigint) => ({ thetaWei: theta, tfuelWei: tfuel });
const EMPTY = new Uint8Array(0);

/** The reference privatenet genesis header (12 fields, as the mainnet fork heights dictate). */
export const GENESIS_HEADER: BlockHeader = {
  chainId: CHAIN_ID,
  epoch: 0n,
  height: 0n,
  parent: ZERO_HASH,
  hcc: { votes: [], blockHash: ZERO_HASH },
  guardianVotes: undefined,
  eliteEdgeNodeVotes: undefined,
  txHash: ZERO_HASH,
  receiptHash: ZERO_HASH,
  bloom: new Uint8Array(BLOOM_LENGTH),
  stateHash: hexToBytes("1ac082033355eb1071e0a48c18db3e6a08ac8dd7f0744dcb1416069449272a81"),
  timestamp: 1549056897n,
  proposer: ZERO_ADDRESS,
  signature: undefined,
};
export const GENESIS_HASH = crypto.keccak256(encodeHeader(GENESIS_HEADER, MAINNET_HEADER_FORKS));

/** A SendTx of 10 THETA and 20 TFuel from the validator account to RECEIVER, signed for `chainId`. */
export function sendTx(sequence: bigint, chainId = CHAIN_ID, key: Uint8Array = KEYS.validator): SendTx {
  const from = crypto.privateKeyToAddress(key);
  const tx: SendTx = {
    type: TxType.Send,
    fee: coins(0n, MIN_FEE),
    inputs: [{ address: from, coins: coins(10n * WEI, 20n * WEI + MIN_FEE), sequence, signature: EMPTY }],
    outputs: [{ address: RECEIVER, coins: coins(10n * WEI, 20n * WEI) }],
  };
  return crypto.signTx(chainId, tx, key);
}

/** The SquareCalculator deploy code prefix (any bytes do for the RPC layer). */
export const DEPLOY_CODE = hexToBytes("608060405234801561001057600080fd5b5060b88061001f6000396000f3fe");

/** A signed contract deployment from the validator account. */
export function deployTx(sequence: bigint): SmartContractTx {
  const tx: SmartContractTx = {
    type: TxType.SmartContract,
    from: { address: VALIDATOR, coins: coins(0n, 0n), sequence, signature: EMPTY },
    to: { address: ZERO_ADDRESS, coins: coins(0n, 0n) },
    gasLimit: 1_000_000n,
    gasPrice: 1_000_000_000n,
    data: DEPLOY_CODE,
  };
  return crypto.signTx(CHAIN_ID, tx, KEYS.validator);
}

/** A signed ReserveFundTx (the walkthrough's `--fund=100 --collateral=101 --duration=1002`). */
export function reserveFundTx(sequence: bigint): ReserveFundTx {
  const tx: ReserveFundTx = {
    type: TxType.ReserveFund,
    fee: coins(0n, MIN_FEE),
    source: { address: VALIDATOR, coins: coins(0n, 100n * WEI), sequence, signature: EMPTY },
    collateral: coins(0n, 101n * WEI),
    resourceIds: ["rid1000001"],
    duration: 1002n,
  };
  return crypto.signTx(CHAIN_ID, tx, KEYS.validator);
}

export const CONTRACT_ADDRESS = crypto.contractAddress(VALIDATOR, 2n);

/** A block tx record: raw bytes, hash, and for contract txs a receipt. */
export function blockTx(tx: Tx, receipt?: Omit<TxReceipt, "txHash">): BlockTx {
  const raw = encodeTx(tx);
  const hash = crypto.txHash(raw);
  const ethTxHash = tx.type === TxType.SmartContract ? crypto.keccak256(hash) : ZERO_HASH;
  return {
    raw,
    tx,
    hash,
    ethTxHash,
    receipt: receipt === undefined ? undefined : { txHash: hash, ...receipt },
    balanceChanges:
      receipt === undefined
        ? undefined
        : {
            txHash: hash,
            balanceChanges: [
              { address: VALIDATOR, tokenType: 1, isNegative: true, delta: 10n ** 21n + 12_345n },
            ],
            evmReturn: receipt.evmReturn,
            contractAddress: receipt.contractAddress,
            gasUsed: receipt.gasUsed,
            evmError: receipt.evmError,
          },
  };
}

/** Builds a stored block whose header is signed by the validator, through the RPC's toStoredBlock. */
export function storedBlock(
  fields: { height: bigint; epoch: bigint; parent: Uint8Array; timestamp: bigint },
  txs: readonly BlockTx[],
  status: ExtendedBlock["status"],
  children: readonly Uint8Array[] = [],
): StoredBlock {
  const unsigned: BlockHeader = {
    ...GENESIS_HEADER,
    ...fields,
    hcc: {
      votes: [
        {
          block: fields.parent,
          height: fields.height - 1n,
          epoch: fields.epoch - 1n,
          id: VALIDATOR,
          signature: undefined,
        },
      ],
      blockHash: fields.parent,
    },
    txHash: crypto.keccak256(encodeTx(txs[0]?.tx ?? sendTx(0n))),
    proposer: VALIDATOR,
  };
  const header: BlockHeader = {
    ...unsigned,
    signature: crypto.sign(encodeHeader(unsigned, FORKS), KEYS.validator),
  };
  const eb: ExtendedBlock = {
    block: { header, txs: txs.map((t) => t.raw) },
    children,
    status,
    hasValidatorUpdate: false,
  };
  const byHash = new Map(txs.map((t) => [bytesToHex(t.hash), t]));
  const find = (h: Uint8Array) => byHash.get(bytesToHex(h));
  return toStoredBlock(eb, {
    keccak256: crypto.keccak256,
    forks: FORKS,
    ethTxHash: (tx, raw) =>
      tx.type === TxType.SmartContract ? find(crypto.txHash(raw))?.ethTxHash : undefined,
    receipt: (_block, h) => find(h)?.receipt,
    balanceChanges: (_block, h) => find(h)?.balanceChanges,
  });
}

/** The genesis state's two funded test accounts (docs/interfaces.md §5.1). */
export function genesisAccounts(): Account[] {
  const base = {
    sequence: 0n,
    reservedFunds: [],
    lastUpdatedBlockHeight: 0n,
    root: ZERO_HASH,
    codeHash: EMPTY_CODE_HASH,
  };
  return [
    { ...base, address: VALIDATOR, balance: coins(12_500_000n * WEI, 312_500_000n * WEI) },
    { ...base, address: RECEIVER, balance: coins(62_500_000n * WEI, 312_500_000n * WEI) },
  ];
}

export { BlockStatus };
