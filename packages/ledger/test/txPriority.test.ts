import { coins, mainnet, privatenet, type Tx, TxType, ZERO_ADDRESS } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { senderSignatureValid } from "../src/mempool/senderSignature.ts";
import { effectiveGasPrice, txSender } from "../src/mempool/txPriority.ts";
import { addr, crypto, keys } from "./helpers/chainFixture.ts";

const input = (i: number, sequence: bigint) => ({
  address: addr[i]!,
  coins: coins(0n, 0n),
  sequence,
  signature: new Uint8Array(0),
});
const output = (i: number) => ({ address: addr[i]!, coins: coins(0n, 0n) });

describe("effective gas price (docs/ledger.md §4.5)", () => {
  const fee = coins(0n, 3n * 10n ** 17n);
  it("divides a regular fee by 10,000 before June 2021 and 80,000 after", () => {
    const tx: Tx = { type: TxType.ReleaseFund, fee, source: input(0, 1n), reserveSequence: 1n };
    expect(effectiveGasPrice(mainnet, 10_000_000n, tx)).toBe(fee.tfuelWei / 10_000n);
    expect(effectiveGasPrice(mainnet, 11_000_000n, tx)).toBe(fee.tfuelWei / 80_000n);
  });
  it("a SendTx counts half the gas per account, at least two", () => {
    const send = (outs: number): Tx => ({
      type: TxType.Send,
      fee,
      inputs: [input(0, 1n)],
      outputs: Array.from({ length: outs }, (_, i) => output(i + 1)),
    });
    expect(effectiveGasPrice(mainnet, 11_000_000n, send(1))).toBe(fee.tfuelWei / 80_000n);
    expect(effectiveGasPrice(mainnet, 11_000_000n, send(3))).toBe(fee.tfuelWei / 160_000n);
  });
  it("a SmartContractTx uses its gas price; Coinbase counts nothing", () => {
    const sc: Tx = {
      type: TxType.SmartContract,
      from: input(0, 1n),
      to: { address: ZERO_ADDRESS, coins: coins(0n, 0n) },
      gasLimit: 1n,
      gasPrice: 123n,
      data: new Uint8Array(0),
    };
    expect(effectiveGasPrice(privatenet, 1n, sc)).toBe(123n);
    expect(
      effectiveGasPrice(privatenet, 1n, {
        type: TxType.Coinbase,
        proposer: input(0, 0n),
        outputs: [],
        blockHeight: 1n,
      }),
    ).toBe(0n);
  });
});

describe("tx sender", () => {
  it("is the fee payer: first input, ServicePayment target, source, from, holder, initiator", () => {
    const sp: Tx = {
      type: TxType.ServicePayment,
      fee: coins(0n, 0n),
      source: input(0, 0n),
      target: input(1, 4n),
      paymentSequence: 1n,
      reserveSequence: 1n,
      resourceId: "r",
    };
    expect(txSender(sp)).toMatchObject({ address: addr[1], sequence: 4n });
    const send: Tx = {
      type: TxType.Send,
      fee: coins(0n, 0n),
      inputs: [input(2, 3n), input(3, 1n)],
      outputs: [],
    };
    expect(txSender(send)).toMatchObject({ address: addr[2], sequence: 3n });
    expect(
      txSender({ type: TxType.Coinbase, proposer: input(0, 0n), outputs: [], blockHeight: 1n }),
    ).toBeUndefined();
  });
});

describe("sender signature", () => {
  it("accepts the sender's own signature (a ServicePayment target over its sign bytes) and refuses a forged one", () => {
    const sp: Tx = {
      type: TxType.ServicePayment,
      fee: coins(0n, 0n),
      source: input(0, 1n),
      target: input(1, 4n),
      paymentSequence: 1n,
      reserveSequence: 1n,
      resourceId: "r",
    };
    const signed = crypto.signTx(
      privatenet.chainId,
      crypto.signTx(privatenet.chainId, sp, keys[0]!),
      keys[1]!,
    );
    expect(senderSignatureValid(crypto, privatenet, 10n, signed)).toBe(true);
    const send: Tx = { type: TxType.Send, fee: coins(0n, 0n), inputs: [input(2, 1n)], outputs: [output(3)] };
    expect(
      senderSignatureValid(crypto, privatenet, 10n, crypto.signTx(privatenet.chainId, send, keys[2]!)),
    ).toBe(true);
    expect(
      senderSignatureValid(crypto, privatenet, 10n, crypto.signTx(privatenet.chainId, send, keys[3]!)),
    ).toBe(false);
  });
});
