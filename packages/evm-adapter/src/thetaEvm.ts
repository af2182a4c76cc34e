/**
 * One reusable @ethereumjs EVM configured with Theta's rules: Constantinople (whose EIP-1283
 * SSTORE pricing, with the "original" value read from the current state, is Theta's), the
 * Theta opcodes and precompiles, the code size limit and bn256 prices of the height, and hooks that apply
 * Theta's account creation for new contracts and detect a code-deposit shortfall. Each run sets
 * its scope first; one run at a time per instance.
 */
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import {
  EVM,
  EVMError,
  EVMMockBlockchain,
  type ExecResult,
  type Message,
  NobleBN254,
  paramsEVM,
} from "@ethereumjs/evm";
import { stackArity } from "./stackArity.ts";
import type { StakingRules } from "./stakingPrecompiles.ts";
import type { StateCache } from "./stateCache.ts";
import { thetaOpcodes } from "./thetaOpcodes.ts";
import { isPrecompileAddress, thetaPrecompiles } from "./thetaPrecompiles.ts";
import { createViewStateManager, type RunScope, type ViewStateManager } from "./viewStateManager.ts";

/** Theta's code size limits (docs/interfaces.md §7.1). */
const MAX_CODE_SIZE = 24_576;
const MAX_CODE_SIZE_METACHAIN = 49_152;

/**
 * The stock EVM plus a record of whether the top-level creation's init code succeeded (to tell
 * a code-deposit shortfall from other out-of-gas failures) and Go's "invalid opcode 0x…" and
 * "stack underflow (have <=> need)" texts.
 */
class ThetaRulesEVM extends EVM {
  topInitSucceeded = false;

  protected override async runInterpreter(message: Message, opts?: object): Promise<ExecResult> {
    const result = await super.runInterpreter(message, opts as never);
    if (message.depth === 0 && (message as Message & { isCreate?: boolean }).isCreate === true) {
      this.topInitSucceeded = result.exceptionError === undefined;
    }
    const opCode = result.runState?.opCode;
    const error = result.exceptionError?.error;
    if (opCode === undefined || result.runState === undefined) return result;
    if (error === EVMError.errorMessages.INVALID_OPCODE) {
      return { ...result, exceptionError: new EVMError(`invalid opcode 0x${opCode.toString(16)}` as never) };
    }
    if (error === EVMError.errorMessages.STACK_UNDERFLOW) {
      const text = `stack underflow (${result.runState.stack.length} <=> ${stackArity(opCode)})`;
      return { ...result, exceptionError: new EVMError(text as never) };
    }
    return result;
  }
}

/** Per-run settings of a {@link ThetaEvm}. */
export interface ThetaRunSettings {
  readonly cache: StateCache;
  readonly chainId: bigint;
  readonly supportTheta: boolean;
  /** The staking precompiles' rules; undefined below the WrappedTheta height. */
  readonly staking: StakingRules | undefined;
}

/** An EVM instance plus the state of the run it is serving. */
export interface ThetaEvm {
  readonly evm: EVM;
  /** Prepares the instance for one run. */
  begin(settings: ThetaRunSettings): void;
  /** Ends the run; rethrows a state error raised inside an EVM event hook. */
  end(): void;
  /** Whether the top-level creation's init code finished without error (set during a run). */
  readonly topInitSucceeded: boolean;
}

/** The height-dependent rules an instance is built for. */
export interface ThetaEvmVariant {
  /** From the Metachain height: the larger maximum code size. */
  readonly metachain: boolean;
  /** From the June 2021 fee adjustment: Istanbul prices for the bn256 precompiles. */
  readonly istanbulBn256: boolean;
}

/** Builds an instance for `variant`. */
export async function createThetaEvm(
  keccak256: (data: Uint8Array) => Uint8Array,
  variant: ThetaEvmVariant,
): Promise<ThetaEvm> {
  const params = structuredClone(paramsEVM);
  const spuriousDragon = params["607"];
  if (spuriousDragon !== undefined) {
    spuriousDragon.maxCodeSize = variant.metachain ? MAX_CODE_SIZE_METACHAIN : MAX_CODE_SIZE;
  }
  const byzantium = params["609"];
  const istanbul = params["1679"];
  if (variant.istanbulBn256 && byzantium !== undefined && istanbul !== undefined) {
    for (const k of ["bn254AddGas", "bn254MulGas", "bn254PairingGas", "bn254PairingWordGas"]) {
      byzantium[k] = istanbul[k] ?? null;
    }
  }
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Constantinople, params });
  const manager: ViewStateManager = createViewStateManager(keccak256);
  let chainId = 0n;
  let staking: StakingRules | undefined;
  let hookError: unknown;
  const scope = (): RunScope => manager.scope as RunScope;
  const evm = new ThetaRulesEVM({
    bn254: new NobleBN254(),
    blockchain: new EVMMockBlockchain(),
    common,
    params,
    stateManager: manager,
    customOpcodes: thetaOpcodes(common, {
      chainId: () => chainId,
      selfDestruct: (address) => manager.selfDestruct(address),
    }),
    customPrecompiles: thetaPrecompiles({
      cache: () => scope().cache,
      supportTheta: () => scope().supportTheta,
      caller: () => scope().lastMessage?.caller ?? new Uint8Array(20),
      staking: () => staking,
    }),
  });
  evm.events.on("beforeMessage", (message) => {
    scope().lastMessage = { caller: message.caller.bytes, to: message.to?.bytes, isStatic: message.isStatic };
  });
  evm.events.on("newContract", (data, resolve) => {
    manager.createContract(data.address.bytes).then(
      () => resolve?.(),
      (e: unknown) => {
        hookError ??= e;
        resolve?.();
      },
    );
  });
  return {
    evm,
    begin(settings) {
      manager.scope = {
        cache: settings.cache,
        supportTheta: settings.supportTheta,
        isPrecompile: (address) =>
          isPrecompileAddress(address, settings.supportTheta, settings.staking !== undefined),
        lastMessage: undefined,
        created: new Set(),
        pendingNonceReset: undefined,
      };
      chainId = settings.chainId;
      staking = settings.staking;
      hookError = undefined;
      evm.topInitSucceeded = false;
      // The EVM leaves its journal (touched accounts, checkpoint diffs) to the VM's cleanup.
      evm.journal.cleanJournal();
    },
    end() {
      manager.scope = undefined;
      if (hookError !== undefined) throw hookError;
    },
    get topInitSucceeded() {
      return evm.topInitSucceeded;
    },
  };
}
