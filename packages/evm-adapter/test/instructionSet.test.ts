import { bytesToHex, concatBytes, hexToBytes, newAccount } from "@theta/core-types";
import type { ContractBlockContext } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { intrinsicGas } from "../src/index.ts";
import {
  at,
  create,
  deployed,
  H,
  mainnetRuntime,
  OTHER,
  returning,
  SENDER,
  tx,
  word,
} from "./helpers/rules.ts";
import { account, BLOCK, crypto, initFor, runtime, viewWith } from "./helpers/state.ts";

describe("instruction set and block context", () => {
  const read = async (op: string, block = BLOCK, rt = runtime, value = 0n) => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const d = await rt.run(view, create(initFor(returning(op)), { value }), block);
    expect(d.vmError).toBe("");
    const r = await rt.run(view, { ...tx, to: d.contractAddress, data: new Uint8Array(0) }, block);
    return r;
  };
  const value = async (op: string, block = BLOCK, rt = runtime, v = 0n) =>
    BigInt(`0x${bytesToHex((await read(op, block, rt, v)).returnValue)}`);

  it("CHAINID maps the chain id string by height (docs/interfaces.md §7.1)", async () => {
    expect(await value("46")).toBe(366n);
    expect(await value("46", at(H.rpcCompatibility - 1n), mainnetRuntime)).toBe(1n);
    expect(await value("46", at(H.rpcCompatibility), mainnetRuntime)).toBe(361n);
    expect(await value("46", { ...BLOCK, chainId: "tsub1991" })).toBe(1991n);
  });

  it("SELFBALANCE is the contract's TFuel; NUMBER, TIMESTAMP and GASLIMIT come from the block and tx", async () => {
    expect(await value("47", BLOCK, runtime, 1234n)).toBe(1234n);
    expect(await value("43")).toBe(BLOCK.height);
    expect(await value("42")).toBe(BLOCK.parentTimestamp);
    expect(await value("45")).toBe(tx.gasLimit);
  });

  it("BLOCKHASH, COINBASE and DIFFICULTY fail the frame and burn its gas", async () => {
    for (const [op, text] of [
      ["600040", "opBlockhash not supported"],
      ["41", "opCoinbase not supported"],
      ["44", "opDifficulty not supported"],
    ] as const) {
      expect(await read(op)).toMatchObject({ vmError: text, gasUsed: tx.gasLimit });
    }
  });

  it("an undefined opcode is Go's 'invalid opcode 0x…'", async () => {
    expect(await read("0c")).toMatchObject({ vmError: "invalid opcode 0xc", gasUsed: tx.gasLimit });
    expect(await read("5f")).toMatchObject({ vmError: "invalid opcode 0x5f" }); // no PUSH0
  });

  it("a stack underflow is Go's 'stack underflow (have <=> need)', checked before BLOCKHASH fails", async () => {
    expect((await read("600101")).vmError).toBe("stack underflow (1 <=> 2)");
    expect((await read("f1")).vmError).toBe("stack underflow (0 <=> 7)");
    expect((await read("40")).vmError).toBe("stack underflow (0 <=> 1)");
  });

  it("a push onto a full stack is Go's 'stack limit reached 1024 (1024)'", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const code = hexToBytes("6000".repeat(1025));
    const codeHash = crypto.keccak256(code);
    await view.setCode(codeHash, code);
    await view.setAccount({ ...newAccount(OTHER), codeHash });
    const r = await runtime.run(view, { ...tx, to: OTHER, data: new Uint8Array(0) }, BLOCK);
    expect(r).toMatchObject({ vmError: "stack limit reached 1024 (1024)", gasUsed: tx.gasLimit });
  });

  it("bn256 precompiles use Byzantium prices before the June 2021 fee adjustment and Istanbul after", async () => {
    const add = concatBytes(new Uint8Array(19), Uint8Array.of(6));
    const gasAt = async (rt: typeof runtime, block: ContractBlockContext) => {
      const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
      const r = await rt.run(view, { ...tx, to: add, data: new Uint8Array(0) }, block);
      expect(r.vmError).toBe("");
      return r.gasUsed - 21000n;
    };
    expect(await gasAt(runtime, BLOCK)).toBe(500n);
    expect(await gasAt(mainnetRuntime, at(H.june2021FeeAdjustment - 1n))).toBe(500n);
    expect(await gasAt(mainnetRuntime, at(H.june2021FeeAdjustment))).toBe(150n);
  });

  it("0xc9 returns the THETA balance and 0xca the non-withdrawn THETA stake of an address", async () => {
    const view = await viewWith(
      { address: SENDER, tfuel: 10n ** 20n },
      { address: OTHER, tfuel: 0n, theta: 777n },
    );
    const stake = (amount: bigint, withdrawn: boolean) => ({
      source: OTHER,
      amount,
      withdrawn,
      returnHeight: 0n,
    });
    await view.setVcp({
      sortedCandidates: [{ holder: SENDER, stakes: [stake(5n, false), stake(100n, true)] }],
    });
    await view.setGcp({
      sortedGuardians: [{ holder: SENDER, stakes: [stake(6n, false)], blsPubkey: new Uint8Array(48) }],
    });
    const data = concatBytes(new Uint8Array(12), OTHER);
    const precompile = (id: number) => concatBytes(new Uint8Array(19), Uint8Array.of(id));
    const balance = await runtime.run(view, { ...tx, to: precompile(0xc9), data }, BLOCK);
    expect(balance).toMatchObject({ vmError: "", gasUsed: intrinsicGas(data, false) + 4n });
    expect(balance.returnValue).toEqual(word(777n));
    const staked = await runtime.run(view, { ...tx, to: precompile(0xca), data }, BLOCK);
    expect(staked).toMatchObject({ vmError: "", gasUsed: intrinsicGas(data, false) + 200n });
    expect(staked.returnValue).toEqual(word(11n));
    // Theta's Call creates the (absent) precompile account.
    expect(await view.getAccount(precompile(0xc9))).toBeDefined();
  });

  it("0xcb moves THETA from its caller from SupportThetaToken, failing the frame when short", async () => {
    const cb = concatBytes(new Uint8Array(19), Uint8Array.of(0xcb));
    const input = (n: bigint) => concatBytes(OTHER, word(n));
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n, theta: 100n });
    const direct = await runtime.run(view, { ...tx, to: cb, data: input(30n) }, BLOCK);
    expect(direct).toMatchObject({ vmError: "", gasUsed: intrinsicGas(input(30n), false) + 21000n });
    expect((await account(view, OTHER)).balance.thetaWei).toBe(30n);
    expect((await account(view, SENDER)).balance.thetaWei).toBe(70n);
    const short = await runtime.run(view, { ...tx, to: cb, data: input(71n) }, BLOCK);
    expect(short).toMatchObject({ vmError: "insufficient Theta balance for transfer", gasUsed: tx.gasLimit });

    // A contract holding THETA pays from its own balance: MSTORE the address and the amount, CALL 0xcb.
    const other = bytesToHex(OTHER);
    const code = [
      `73${other}60601b600052`,
      "6009601452",
      "60006000603460006000",
      "60cb5af1",
      "60005260206000f3",
    ];
    const { view: v2, address } = await deployed(code.join(""));
    const c = await account(v2, address);
    await v2.setAccount({ ...c, balance: { ...c.balance, thetaWei: 10n } });
    const r = await runtime.run(v2, { ...tx, to: address, data: new Uint8Array(0) }, BLOCK);
    expect(r.vmError).toBe("");
    expect(r.returnValue).toEqual(word(1n));
    expect((await account(v2, address)).balance.thetaWei).toBe(1n);
    expect((await account(v2, OTHER)).balance.thetaWei).toBe(9n);

    const before = await viewWith({ address: SENDER, tfuel: 10n ** 20n, theta: 100n });
    const old = await mainnetRuntime.run(
      before,
      { ...tx, to: cb, data: input(30n) },
      at(H.enableSmartContract),
    );
    expect(old).toMatchObject({ vmError: "", gasUsed: intrinsicGas(input(30n), false) });
    expect(await before.getAccount(OTHER)).toBeUndefined();
    expect(await before.getAccount(cb)).toBeUndefined();
  });
});
