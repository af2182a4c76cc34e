/**
 * Theta's changes to the Constantinople instruction set (docs/interfaces.md §7.1): CHAINID (0x46) and
 * SELFBALANCE (0x47) added, BLOCKHASH/COINBASE/DIFFICULTY failing the frame with Theta's error
 * texts, and SELFDESTRUCT marking the account with the sentinel code hash at once (Theta's
 * `Suicide`), keeping the stock gas rules.
 */

import type { Common } from "@ethereumjs/common";
import { EVMError, type EVMOpts, getOpcodesForHF } from "@ethereumjs/evm";
import { type Address, ThetaError } from "@theta/core-types";
import { EvmAdapterErrorCode } from "./errors.ts";

type CustomOpcodes = NonNullable<EVMOpts["customOpcodes"]>;

/** What the Theta opcodes read from the current run. */
export interface OpcodeHost {
  /** The mapped chain id CHAINID pushes. */
  chainId(): bigint;
  /** Theta's Suicide on `address`, after the stock SELFDESTRUCT moved the TFuel. */
  selfDestruct(address: Address): Promise<void>;
}

/** An opcode Theta rejects; Go checks the stack first (BLOCKHASH takes one item, the others push one). */
const failing = (opcode: number, opcodeName: string, baseFee: number, text: string) => ({
  opcode,
  opcodeName,
  baseFee,
  logicFunction: (runState: { stack: { length: number } }): void => {
    if (opcode === 0x40 && runState.stack.length < 1)
      throw new EVMError(EVMError.errorMessages.STACK_UNDERFLOW);
    if (opcode !== 0x40 && runState.stack.length >= 1024)
      throw new EVMError(EVMError.errorMessages.STACK_OVERFLOW);
    throw new EVMError(text as never);
  },
});

/** The custom opcode list for an EVM on `common` (Constantinople). */
export function thetaOpcodes(common: Common, host: OpcodeHost): CustomOpcodes {
  const stock = getOpcodesForHF(common);
  const selfdestruct = stock.handlers.get(0xff);
  const selfdestructGas = stock.dynamicGasHandlers.get(0xff);
  if (selfdestruct === undefined || selfdestructGas === undefined) {
    throw new ThetaError(
      EvmAdapterErrorCode.Unsupported,
      "SELFDESTRUCT: expected a stock handler, found none",
    );
  }
  return [
    failing(0x40, "BLOCKHASH", 20, "opBlockhash not supported"),
    failing(0x41, "COINBASE", 2, "opCoinbase not supported"),
    failing(0x44, "DIFFICULTY", 2, "opDifficulty not supported"),
    {
      opcode: 0x46,
      opcodeName: "CHAINID",
      baseFee: 2,
      logicFunction: (runState) => runState.stack.push(host.chainId()),
    },
    {
      opcode: 0x47,
      opcodeName: "SELFBALANCE",
      baseFee: 5,
      logicFunction: (runState) => runState.stack.push(runState.interpreter.getSelfBalance()),
    },
    {
      opcode: 0xff,
      opcodeName: "SELFDESTRUCT",
      baseFee: 5000,
      gasFunction: selfdestructGas,
      logicFunction: async (runState, common) => {
        const address = runState.interpreter.getAddress().bytes;
        try {
          await selfdestruct(runState, common);
        } catch (e) {
          if (e instanceof EVMError && e.error === EVMError.errorMessages.STOP)
            await host.selfDestruct(address);
          throw e;
        }
      },
    },
  ];
}
