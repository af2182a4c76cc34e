/**
 * Elite-edge-node transactions of the privatenet test keys for the end-to-end tests: a
 * DepositStakeTxV2 (purpose 2) carrying the holder's BLS summary, a WithdrawStakeTx (purpose 2),
 * a StakeRewardDistributionTx, and the 261-byte summary text `thetacli tx deposit --holder` takes
 * (docs/ledger.md §7.3).
 */
import { bytesToHex, coins, concatBytes, parseAddress, TxType, utf8ToBytes } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromPrivateKey, defaultCrypto } from "@theta/crypto";
import { keyOf, MIN_FEE, signed } from "../../e2e/txs.ts";

const input = (address: string, tfuel: bigint, seq: bigint) => ({
  address: parseAddress(`0x${address}`),
  coins: coins(0n, tfuel),
  sequence: seq,
  signature: new Uint8Array(0),
});
const output = (address: string) => ({ address: parseAddress(`0x${address}`), coins: coins(0n, 0n) });

/** The BLS fields of `holder` (a fixture address): key and proof derived from its private key. */
export function blsFieldsOf(holder: string) {
  const priv = keyOf(holder);
  const sk = blsSecretKeyFromPrivateKey(priv);
  const blsPop = blsPopProve(sk).bytes;
  return { blsPubkey: blsPublicKey(sk).bytes, blsPop, holderSig: defaultCrypto.sign(blsPop, priv) };
}

/** The elite edge node summary (522 hex digits, no 0x) of `holder`. */
export function eenSummaryOf(holder: string): string {
  const f = blsFieldsOf(holder);
  const head = bytesToHex(concatBytes(parseAddress(`0x${holder}`), f.blsPubkey, f.blsPop, f.holderSig));
  return head + bytesToHex(defaultCrypto.keccak256(utf8ToBytes(`0x${head}`)));
}

/** `tfuel` wei staked by `source` (sequence `seq`) in elite edge node `holder`. */
export function eenDepositTx(chainId: string, source: string, holder: string, tfuel: bigint, seq: bigint) {
  return signed(chainId, source, {
    type: TxType.DepositStakeV2,
    fee: coins(0n, MIN_FEE),
    source: input(source, tfuel, seq),
    holder: output(holder),
    purpose: 2,
    ...blsFieldsOf(holder),
  });
}

/** `source` withdraws its stake in elite edge node `holder`. */
export function eenWithdrawTx(chainId: string, source: string, holder: string, seq: bigint) {
  return signed(chainId, source, {
    type: TxType.WithdrawStake,
    fee: coins(0n, MIN_FEE),
    source: input(source, 0n, seq),
    holder: output(holder),
    purpose: 2,
  });
}

/** `holder` shares `basisPoints`/10000 of its staking rewards with `beneficiary`. */
export function rewardDistributionTx(
  chainId: string,
  holder: string,
  beneficiary: string,
  basisPoints: bigint,
  seq: bigint,
) {
  return signed(chainId, holder, {
    type: TxType.StakeRewardDistribution,
    fee: coins(0n, MIN_FEE),
    holder: input(holder, 0n, seq),
    beneficiary: output(beneficiary),
    splitBasisPoint: basisPoints,
  });
}
