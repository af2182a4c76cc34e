/**
 * The wire format of a transaction (docs/ledger.md §3.2): RLP(uint16 type tag) immediately followed by
 * RLP(body). Decoding reads the tag and exactly one body item; bytes after the body are ignored,
 * as in the reference.
 */
import { concatBytes } from "../bytes.ts";
import { ThetaError } from "../errors.ts";
import { coinsFromItem, coinsToItem } from "../ledger/coins.ts";
import { ADDRESS_LENGTH } from "../ledger/primitives.ts";
import { txInputFromItem, txInputToItem, txOutputFromItem, txOutputToItem } from "../ledger/txio.ts";
import * as rlp from "../rlp/index.ts";
import { checkBlsField } from "./blsField.ts";
import { MAX_TX_SIZE, TxErrorCode } from "./errors.ts";
import { type Split, TX_TYPE_NAMES, type Tx, TxType } from "./types.ts";

const u = rlp.encodeUint;

/** The RLP item of a SplitRuleTx split. */
export function splitToItem(s: Split): rlp.RlpItem {
  return [s.address, u(s.percentage)];
}

/** Decodes a SplitRuleTx split strictly. */
export function splitFromItem(item: rlp.RlpItem, field: string): Split {
  const [a, p] = rlp.decodeList(item, field, 2);
  return {
    address: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, `${field}.address`),
    percentage: rlp.decodeUint(p!, `${field}.percentage`, 64),
  };
}

/** The body of a transaction as an RLP list, without the type tag. */
export function txBodyToItem(tx: Tx): rlp.RlpItem {
  switch (tx.type) {
    case TxType.Coinbase:
      return [txInputToItem(tx.proposer), tx.outputs.map(txOutputToItem), u(tx.blockHeight)];
    case TxType.Slash:
      return [txInputToItem(tx.proposer), tx.slashedAddress, u(tx.reserveSequence), tx.slashProof];
    case TxType.Send:
      return [coinsToItem(tx.fee), tx.inputs.map(txInputToItem), tx.outputs.map(txOutputToItem)];
    case TxType.ReserveFund:
      return [
        coinsToItem(tx.fee),
        txInputToItem(tx.source),
        coinsToItem(tx.collateral),
        tx.resourceIds.map(rlp.encodeString),
        u(tx.duration),
      ];
    case TxType.ReleaseFund:
      return [coinsToItem(tx.fee), txInputToItem(tx.source), u(tx.reserveSequence)];
    case TxType.ServicePayment:
      return [
        coinsToItem(tx.fee),
        txInputToItem(tx.source),
        txInputToItem(tx.target),
        u(tx.paymentSequence),
        u(tx.reserveSequence),
        rlp.encodeString(tx.resourceId),
      ];
    case TxType.SplitRule:
      return [
        coinsToItem(tx.fee),
        rlp.encodeString(tx.resourceId),
        txInputToItem(tx.initiator),
        tx.splits.map(splitToItem),
        u(tx.duration),
      ];
    case TxType.SmartContract:
      return [txInputToItem(tx.from), txOutputToItem(tx.to), u(tx.gasLimit), u(tx.gasPrice), tx.data];
    case TxType.DepositStake:
    case TxType.WithdrawStake:
      return [coinsToItem(tx.fee), txInputToItem(tx.source), txOutputToItem(tx.holder), u(tx.purpose)];
    case TxType.DepositStakeV2:
      return [
        coinsToItem(tx.fee),
        txInputToItem(tx.source),
        txOutputToItem(tx.holder),
        u(tx.purpose),
        tx.blsPubkey,
        tx.blsPop,
        tx.holderSig,
      ];
    case TxType.StakeRewardDistribution:
      return [
        coinsToItem(tx.fee),
        txInputToItem(tx.holder),
        txOutputToItem(tx.beneficiary),
        u(tx.splitBasisPoint),
      ];
  }
}

/** Decodes the body of a transaction whose tag is already known. */
export function txBodyFromItem(type: TxType, item: rlp.RlpItem, field = TX_TYPE_NAMES[type]): Tx {
  const f = (name: string) => `${field}.${name}`;
  switch (type) {
    case TxType.Coinbase: {
      const [p, o, h] = rlp.decodeList(item, field, 3);
      return {
        type,
        proposer: txInputFromItem(p!, f("proposer")),
        outputs: rlp.decodeList(o!, f("outputs")).map((x, i) => txOutputFromItem(x, f(`outputs[${i}]`))),
        blockHeight: rlp.decodeUint(h!, f("block_height"), 64),
      };
    }
    case TxType.Slash: {
      const [p, a, r, proof] = rlp.decodeList(item, field, 4);
      return {
        type,
        proposer: txInputFromItem(p!, f("proposer")),
        slashedAddress: rlp.decodeFixedBytes(a!, ADDRESS_LENGTH, f("slashed_address")),
        reserveSequence: rlp.decodeUint(r!, f("reserve_sequence"), 64),
        slashProof: rlp.decodeBytes(proof!, f("slash_proof")),
      };
    }
    case TxType.Send: {
      const [fee, ins, outs] = rlp.decodeList(item, field, 3);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        inputs: rlp.decodeList(ins!, f("inputs")).map((x, i) => txInputFromItem(x, f(`inputs[${i}]`))),
        outputs: rlp.decodeList(outs!, f("outputs")).map((x, i) => txOutputFromItem(x, f(`outputs[${i}]`))),
      };
    }
    case TxType.ReserveFund: {
      const [fee, s, c, ids, d] = rlp.decodeList(item, field, 5);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        source: txInputFromItem(s!, f("source")),
        collateral: coinsFromItem(c!, f("collateral")),
        resourceIds: rlp
          .decodeList(ids!, f("resource_ids"))
          .map((x, i) => rlp.decodeString(x, f(`resource_ids[${i}]`))),
        duration: rlp.decodeUint(d!, f("duration"), 64),
      };
    }
    case TxType.ReleaseFund: {
      const [fee, s, r] = rlp.decodeList(item, field, 3);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        source: txInputFromItem(s!, f("source")),
        reserveSequence: rlp.decodeUint(r!, f("reserve_sequence"), 64),
      };
    }
    case TxType.ServicePayment: {
      const [fee, s, t, ps, rs, rid] = rlp.decodeList(item, field, 6);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        source: txInputFromItem(s!, f("source")),
        target: txInputFromItem(t!, f("target")),
        paymentSequence: rlp.decodeUint(ps!, f("payment_sequence"), 64),
        reserveSequence: rlp.decodeUint(rs!, f("reserve_sequence"), 64),
        resourceId: rlp.decodeString(rid!, f("resource_id")),
      };
    }
    case TxType.SplitRule: {
      const [fee, rid, init, splits, d] = rlp.decodeList(item, field, 5);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        resourceId: rlp.decodeString(rid!, f("resource_id")),
        initiator: txInputFromItem(init!, f("initiator")),
        splits: rlp.decodeList(splits!, f("splits")).map((x, i) => splitFromItem(x, f(`splits[${i}]`))),
        duration: rlp.decodeUint(d!, f("duration"), 64),
      };
    }
    case TxType.SmartContract: {
      const [from, to, gl, gp, data] = rlp.decodeList(item, field, 5);
      return {
        type,
        from: txInputFromItem(from!, f("from")),
        to: txOutputFromItem(to!, f("to")),
        gasLimit: rlp.decodeUint(gl!, f("gas_limit"), 64),
        gasPrice: rlp.decodeBigInt(gp!, f("gas_price")),
        data: rlp.decodeBytes(data!, f("data")),
      };
    }
    case TxType.DepositStake:
    case TxType.WithdrawStake: {
      const [fee, s, h, p] = rlp.decodeList(item, field, 4);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        source: txInputFromItem(s!, f("source")),
        holder: txOutputFromItem(h!, f("holder")),
        purpose: Number(rlp.decodeUint(p!, f("purpose"), 8)),
      };
    }
    case TxType.DepositStakeV2: {
      const [fee, s, h, p, pk, pop, sig] = rlp.decodeList(item, field, 7);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        source: txInputFromItem(s!, f("source")),
        holder: txOutputFromItem(h!, f("holder")),
        purpose: Number(rlp.decodeUint(p!, f("purpose"), 8)),
        blsPubkey: checkBlsField(rlp.decodeBytes(pk!, f("bls_pubkey")), "G1", f("bls_pubkey")),
        blsPop: checkBlsField(rlp.decodeBytes(pop!, f("bls_pop")), "G2", f("bls_pop")),
        holderSig: rlp.decodeBytes(sig!, f("holder_sig")),
      };
    }
    case TxType.StakeRewardDistribution: {
      const [fee, h, b, bp] = rlp.decodeList(item, field, 4);
      return {
        type,
        fee: coinsFromItem(fee!, f("fee")),
        holder: txInputFromItem(h!, f("holder")),
        beneficiary: txOutputFromItem(b!, f("beneficiary")),
        splitBasisPoint: rlp.decodeUint(bp!, f("split_basis_point"), 64),
      };
    }
  }
}

/** Raw transaction bytes: tag then body. */
export function encodeTx(tx: Tx): Uint8Array {
  return concatBytes(rlp.rlpEncode(u(tx.type)), rlp.rlpEncode(txBodyToItem(tx)));
}

function isTxType(n: bigint): n is bigint {
  return n >= 0n && n <= 11n;
}

/** Decodes raw transaction bytes strictly; trailing bytes after the body are ignored. */
export function decodeTx(raw: Uint8Array): Tx {
  if (raw.length > MAX_TX_SIZE) {
    throw new ThetaError(
      TxErrorCode.TooLarge,
      `tx: ${raw.length} bytes exceeds the ${MAX_TX_SIZE}-byte limit`,
    );
  }
  const tag = rlp.rlpDecodeFirst(raw, 0);
  const type = rlp.decodeUint(tag.item, "tx.type", 16);
  if (!isTxType(type)) {
    throw new ThetaError(
      TxErrorCode.UnknownType,
      `tx.type: unknown transaction type ${type} (expected 0 to 11)`,
      {
        details: { field: "tx.type", type: Number(type) },
      },
    );
  }
  const body = rlp.rlpDecodeFirst(raw, tag.end);
  return txBodyFromItem(Number(type) as TxType, body.item);
}
