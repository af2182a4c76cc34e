import { bytesToHex, concatBytes, hexToBytes, rlpEncode } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { intrinsicGas } from "../src/index.ts";
import { meter } from "./helpers/gasMeter.ts";
import { account, applyTx, BLOCK, crypto, runtime, viewWith } from "./helpers/state.ts";

// SquareCalculator's deployment bytecode (Solidity 0.4, as in Theta's walkthrough).
const INIT = hexToBytes(
  "608060405234801561001057600080fd5b50610148806100206000396000f300608060405260043610610057576000357c0100000000000000000000000000000000000000000000000000000000900463ffffffff1680633fa4f2451461005c578063b5a0241a14610087578063ed8b0706146100b2575b600080fd5b34801561006857600080fd5b506100716100df565b6040518082815260200191505060405180910390f35b34801561009357600080fd5b5061009c6100e5565b6040518082815260200191505060405180910390f35b3480156100be57600080fd5b506100dd60048036038101908080359060200190929190505050610112565b005b60005481565b6000806000546000540290506000546000548281151561010157fe5b0414151561010b57fe5b8091505090565b80600081905550505600a165627a7a72305820459c07c1668e919ca760d663b8df04e80634c53ebd49393dca83e81c58ae2a660029",
);
const DEPLOYER = hexToBytes("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab");
const PRICE = 10n ** 9n; // the walkthrough's --gas_price=1000000000wei
const word = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));
const SET_VALUE_3 = concatBytes(hexToBytes("ed8b0706"), word(3n));
const CALCULATE = hexToBytes("b5a0241a");
const tx = { from: DEPLOYER, value: 0n, thetaValue: 0n, gasLimit: 200_000n, gasPrice: PRICE };

describe("SquareCalculator (Theta's smart-contract walkthrough)", () => {
  it("dry-run deploy, deploy, SetValue(3), CalculateSquare dry run → 9, with Theta's gas and storage root", async () => {
    const view = await viewWith({ address: DEPLOYER, tfuel: 10n ** 24n, sequence: 1n });
    // Deploy gas from the rules: intrinsic + init code + 200 per deployed byte.
    const init = meter(INIT, new Uint8Array(0), new Map());
    const deployGas = intrinsicGas(INIT, true) + init.gas + 200n * BigInt(init.returned.length);
    // The address comes from the sender's stored sequence before the tx (1).
    const address = crypto.contractAddress(DEPLOYER, 1n);

    const dry = await runtime.run(await view.copy(), { ...tx, to: undefined, data: INIT }, BLOCK);
    expect(dry).toMatchObject({ vmError: "", gasUsed: deployGas, contractAddress: address });
    expect(bytesToHex(dry.returnValue)).toBe(bytesToHex(init.returned));
    expect(await view.getAccount(address)).toBeUndefined();
    expect((await account(view, DEPLOYER)).sequence).toBe(1n);

    const deployed = await applyTx(view, { ...tx, to: undefined, data: INIT });
    expect(deployed).toEqual(dry);
    const contract = await account(view, address);
    expect(contract.sequence).toBe(0n);
    expect(contract.codeHash).toEqual(crypto.keccak256(init.returned));
    expect(bytesToHex((await view.getCode(contract.codeHash)) ?? new Uint8Array(0))).toBe(
      bytesToHex(init.returned),
    );
    const deployer = await account(view, DEPLOYER);
    expect(deployer.sequence).toBe(2n);
    expect(deployer.balance.tfuelWei).toBe(10n ** 24n - deployGas * PRICE);

    const storage = new Map<bigint, bigint>();
    const set = meter(init.returned, SET_VALUE_3, storage);
    const setR = await applyTx(view, { ...tx, to: address, data: SET_VALUE_3 });
    expect(setR).toMatchObject({ vmError: "", contractAddress: address });
    expect(setR.gasUsed).toBe(intrinsicGas(SET_VALUE_3, false) + set.gas);
    expect(await view.getStorage(address, new Uint8Array(32))).toEqual(word(3n));
    // Storage trie with one leaf: slot 0 (unhashed, even-length leaf prefix 0x20) → RLP(0x03).
    const leaf = rlpEncode([
      concatBytes(Uint8Array.of(0x20), new Uint8Array(32)),
      rlpEncode(Uint8Array.of(3)),
    ]);
    expect(bytesToHex((await account(view, address)).root)).toBe(bytesToHex(crypto.keccak256(leaf)));

    const calc = meter(init.returned, CALCULATE, storage);
    const before = await view.root();
    const square = await runtime.run(await view.copy(), { ...tx, to: address, data: CALCULATE }, BLOCK);
    expect(square).toMatchObject({ vmError: "", gasUsed: intrinsicGas(CALCULATE, false) + calc.gas });
    expect(bytesToHex(square.returnValue)).toBe(bytesToHex(word(9n)));
    expect(bytesToHex(calc.returned)).toBe(bytesToHex(word(9n)));
    expect(await view.root()).toEqual(before);
  });

  it("SSTORE: 20000 from zero, 200 unchanged, 5000 for any other change, no refund for clearing", async () => {
    const view = await viewWith({ address: DEPLOYER, tfuel: 10n ** 24n });
    const address = (await applyTx(view, { ...tx, to: undefined, data: INIT })).contractAddress;
    const execGas = async (v: bigint) => {
      const data = concatBytes(hexToBytes("ed8b0706"), word(v));
      const r = await applyTx(view, { ...tx, to: address, data });
      expect(r.vmError).toBe("");
      return r.gasUsed - intrinsicGas(data, false);
    };
    const fromZero = await execGas(3n);
    const unchanged = await execGas(3n);
    const changed = await execGas(4n);
    const cleared = await execGas(0n);
    expect(fromZero - unchanged).toBe(20000n - 200n);
    expect(fromZero - changed).toBe(20000n - 5000n);
    expect(cleared).toBe(changed);
  });
});
