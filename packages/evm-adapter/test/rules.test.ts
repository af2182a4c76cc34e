import { bytesToHex, concatBytes, hexToBytes, mainnet, newAccount, ZERO_ADDRESS } from "@theta/core-types";
import type { ContractBlockContext, StateView } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { createContractRuntime, intrinsicGas } from "../src/index.ts";
import { account, applyTx, BLOCK, crypto, initFor, runtime, viewWith } from "./helpers/state.ts";

const SENDER = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
const OTHER = hexToBytes("0x00000000000000000000000000000000000000b0");
const tx = { from: SENDER, value: 0n, thetaValue: 0n, gasLimit: 200_000n, gasPrice: 1n };
const create = (data: Uint8Array, extra: object = {}) => ({ ...tx, to: undefined, data, ...extra });
const word = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));
/** Runtime code: <op>; MSTORE at 0; RETURN 32 bytes. */
const returning = (op: string) => `${op}60005260206000f3`;
const mainnetRuntime = createContractRuntime({ keccak256: crypto.keccak256 }, { profile: mainnet });
const at = (height: bigint, chainId = "mainnet"): ContractBlockContext => ({ ...BLOCK, height, chainId });
const H = mainnet.heights;

async function deployed(runtimeHex: string, value = 0n) {
  const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n, theta: 10n ** 6n });
  const r = await applyTx(view, create(initFor(runtimeHex), { value }));
  expect(r.vmError).toBe("");
  return { view, address: r.contractAddress };
}

describe("gas limit and intrinsic gas", () => {
  it("intrinsic gas is 53000/21000 + 68 per non-zero + 4 per zero byte", () => {
    expect(intrinsicGas(new Uint8Array([0, 1, 0, 2]), false)).toBe(21000n + 2n * 68n + 2n * 4n);
    expect(intrinsicGas(new Uint8Array(0), true)).toBe(53000n);
  });

  it("a gas limit above the profile's maximum is 'invalid gas limit' with no gas and no change", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const root = await view.root();
    const r = await runtime.run(view, create(initFor("00"), { gasLimit: 10_000_001n }), BLOCK);
    expect(r).toMatchObject({ vmError: "invalid gas limit", gasUsed: 0n, contractAddress: ZERO_ADDRESS });
    expect(await view.root()).toEqual(root);
  });

  it("intrinsic gas above the limit is 'out of gas' with nothing used and no sequence bump", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n, sequence: 4n });
    const r = await runtime.run(view, create(initFor("00"), { gasLimit: 53_000n }), BLOCK);
    expect(r).toMatchObject({ vmError: "out of gas", gasUsed: 0n, contractAddress: ZERO_ADDRESS });
    expect((await account(view, SENDER)).sequence).toBe(4n);
  });
});

describe("creation", () => {
  it("moves the TFuel value and bumps the creator's sequence; a short balance aborts before the bump", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 5000n, sequence: 2n });
    const init = initFor("00");
    const poor = await runtime.run(view, create(init, { value: 5001n }), BLOCK);
    expect(poor).toMatchObject({
      vmError: "insufficient balance for transfer",
      gasUsed: intrinsicGas(init, true),
      contractAddress: ZERO_ADDRESS,
    });
    expect((await account(view, SENDER)).sequence).toBe(2n);
    const r = await runtime.run(view, create(init, { value: 1000n }), BLOCK);
    expect(r.contractAddress).toEqual(crypto.contractAddress(SENDER, 2n));
    expect((await account(view, r.contractAddress)).balance.tfuelWei).toBe(1000n);
    expect(await account(view, SENDER)).toMatchObject({ sequence: 3n, balance: { tfuelWei: 4000n } });
  });

  it("a failing init code burns the gas, creates nothing, and still bumps the creator's sequence", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const init = hexToBytes("fe"); // INVALID
    const r = await runtime.run(view, create(init, { value: 10n }), BLOCK);
    expect(r).toMatchObject({ vmError: "invalid opcode 0xfe", gasUsed: tx.gasLimit });
    expect(r.contractAddress).toEqual(crypto.contractAddress(SENDER, 0n));
    expect(await view.getAccount(r.contractAddress)).toBeUndefined();
    expect(await account(view, SENDER)).toMatchObject({ sequence: 1n, balance: { tfuelWei: 10n ** 20n } });
  });

  it("a code deposit shortfall is 'contract creation code storage out of gas'", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const init = initFor("00".repeat(100)); // deposit 20000
    const r = await runtime.run(view, create(init, { gasLimit: intrinsicGas(init, true) + 10_000n }), BLOCK);
    expect(r.vmError).toBe("contract creation code storage out of gas");
    expect(r.gasUsed).toBe(intrinsicGas(init, true) + 10_000n);
  });

  it("an init code returning nothing leaves an empty contract account, as Theta's CreateAccount does", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const r = await runtime.run(view, create(hexToBytes("00")), BLOCK);
    expect(r).toMatchObject({ vmError: "", gasUsed: intrinsicGas(hexToBytes("00"), true) });
    expect(await account(view, r.contractAddress)).toEqual(newAccount(r.contractAddress));
  });

  it("concurrent runs on separate views do not interfere", async () => {
    const views = await Promise.all(
      [1n, 2n, 3n, 4n].map((seq) => viewWith({ address: SENDER, tfuel: 10n ** 20n, sequence: seq })),
    );
    const results = await Promise.all(
      views.map((v) => runtime.run(v, create(initFor(returning("46"))), BLOCK)),
    );
    for (const [i, r] of results.entries()) {
      expect(r.vmError).toBe("");
      expect(r.contractAddress).toEqual(crypto.contractAddress(SENDER, BigInt(i + 1)));
      expect((await account(views[i] as StateView, SENDER)).sequence).toBe(BigInt(i + 2));
    }
  });

  it("code above 24576 bytes (49152 from the Metachain height) is 'evm: max code size exceeded'", async () => {
    // PUSH3 n PUSH1 0 RETURN: returns n zero bytes.
    const initReturning = (n: number) => hexToBytes(`62${n.toString(16).padStart(6, "0")}6000f3`);
    const run = async (n: number, height: bigint) => {
      const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
      return mainnetRuntime.run(view, create(initReturning(n), { gasLimit: 10_000_000n }), at(height));
    };
    expect((await run(24_576, H.enableSmartContract)).vmError).toBe("");
    const big = await run(24_577, H.enableSmartContract);
    expect(big).toMatchObject({ vmError: "evm: max code size exceeded", gasUsed: 10_000_000n });
    expect((await run(24_577, H.enableMetachainSupport)).vmError).toBe("");
    expect((await run(49_153, H.enableMetachainSupport)).vmError).toBe("evm: max code size exceeded");
  });

  it("TFuel sent to a future contract address is wiped before SupportThetaToken and kept after", async () => {
    const run = async (height: bigint) => {
      const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
      const target = crypto.contractAddress(SENDER, 0n);
      await view.setAccount({ ...newAccount(target), balance: { thetaWei: 3n, tfuelWei: 70n } });
      const r = await mainnetRuntime.run(view, create(initFor("00"), { value: 5n }), at(height));
      expect(r.vmError).toBe("");
      return (await account(view, target)).balance;
    };
    expect(await run(H.enableSmartContract)).toEqual({ thetaWei: 0n, tfuelWei: 5n });
    expect(await run(H.supportThetaTokenInSmartContract)).toEqual({ thetaWei: 3n, tfuelWei: 75n });
  });
});

describe("calls", () => {
  it("a revert charges the gas used so far and changes nothing", async () => {
    const { view, address } = await deployed("60006000fd"); // REVERT(0, 0)
    const root = await view.root();
    const r = await runtime.run(view, { ...tx, to: address, value: 77n, data: new Uint8Array(0) }, BLOCK);
    expect(r).toMatchObject({ vmError: "evm: execution reverted", gasUsed: 21000n + 3n + 3n });
    expect(await view.root()).toEqual(root);
  });

  it("THETA moves with a call from SupportThetaToken, is reverted with the call, and is checked", async () => {
    const { view, address } = await deployed("00");
    const r = await runtime.run(
      view,
      { ...tx, to: address, thetaValue: 40n, data: new Uint8Array(0) },
      BLOCK,
    );
    expect(r.vmError).toBe("");
    expect((await account(view, address)).balance.thetaWei).toBe(40n);
    expect((await account(view, SENDER)).balance.thetaWei).toBe(10n ** 6n - 40n);
    const tooMuch = { ...tx, to: address, thetaValue: 10n ** 6n, data: new Uint8Array(0) };
    expect((await runtime.run(view, tooMuch, BLOCK)).vmError).toBe("insufficient Theta balance for transfer");

    const reverting = await deployed("60006000fd");
    const call = { ...tx, to: reverting.address, thetaValue: 40n, data: new Uint8Array(0) };
    expect((await runtime.run(reverting.view, call, BLOCK)).vmError).toBe("evm: execution reverted");
    expect((await account(reverting.view, reverting.address)).balance.thetaWei).toBe(0n);
    expect((await account(reverting.view, SENDER)).balance.thetaWei).toBe(10n ** 6n);
  });

  it("THETA in a call is ignored before SupportThetaToken", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n, theta: 100n });
    const r = await mainnetRuntime.run(
      view,
      { ...tx, to: OTHER, value: 1n, thetaValue: 50n, data: new Uint8Array(0) },
      at(H.enableSmartContract),
    );
    expect(r.vmError).toBe("");
    expect((await account(view, OTHER)).balance).toEqual({ thetaWei: 0n, tfuelWei: 1n });
  });
});

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
