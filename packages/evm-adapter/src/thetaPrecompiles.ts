/**
 * Theta's precompiles (docs/interfaces.md §7.1): 0xc9 returns the THETA balance (gas 4) and 0xca the
 * THETA staked to validators and guardians, withdrawn stakes excluded (gas 200), of the address
 * in the last 20 bytes of the input, as a 32-byte word; from the SupportThetaToken height 0xcb
 * (gas 21000) moves THETA from its caller to the address in input bytes 0–20, the amount being
 * input bytes 20–52. The staking ones (0xcc–0xcf) are not implemented.
 */
import { EVMError, type EVMOpts, type ExecResult } from "@ethereumjs/evm";
import { type Address, newAccount, type Stake } from "@theta/core-types";
import type { StateCache } from "./stateCache.ts";

type CustomPrecompiles = NonNullable<EVMOpts["customPrecompiles"]>;

/** Precompiles at every height: Ethereum's 0x01–0x08 and Theta's 0xc9, 0xca. */
export const PRECOMPILE_IDS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 0xc9, 0xca];
/** The THETA transfer precompile, from the SupportThetaToken height. */
export const THETA_TRANSFER_ID = 0xcb;

/** Whether `address` is a precompile (`supportTheta`: the SupportThetaToken height is reached). */
export function isPrecompileAddress(address: Address, supportTheta = false): boolean {
  for (let i = 0; i < 19; i++) if (address[i] !== 0) return false;
  const id = address[19] as number;
  return PRECOMPILE_IDS.includes(id) || (supportTheta && id === THETA_TRANSFER_ID);
}

/** What the precompiles read from the current run. */
export interface PrecompileHost {
  cache(): StateCache;
  supportTheta(): boolean;
  /** The caller of the message being run (the precompile's caller). */
  caller(): Address;
}

const precompileAddress = (id: number): `0x${string}` => `0x${id.toString(16).padStart(40, "0")}`;

/** Go's getData: `size` bytes from `start`, zero-padded on the right past the input's end. */
function slice(data: Uint8Array, start: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(data.subarray(Math.min(start, data.length), Math.min(start + size, data.length)));
  return out;
}

/** Go's BytesToAddress: the last 20 bytes, left-padded when shorter. */
function inputAddress(data: Uint8Array): Address {
  const out = new Uint8Array(20);
  const tail = data.subarray(Math.max(0, data.length - 20));
  out.set(tail, 20 - tail.length);
  return out;
}

const toBigInt = (b: Uint8Array) => b.reduce((a, x) => (a << 8n) | BigInt(x), 0n);

function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function staked(stakes: readonly Stake[], address: Address): bigint {
  let sum = 0n;
  for (const s of stakes) if (!s.withdrawn && s.source.every((b, i) => b === address[i])) sum += s.amount;
  return sum;
}

const failure = (gasLimit: bigint, error: string): ExecResult => ({
  returnValue: new Uint8Array(0),
  executionGasUsed: gasLimit,
  exceptionError: new EVMError(error as never),
});

type Body = (data: Uint8Array) => Promise<Uint8Array | string>;

/** A precompile charging `gas`; `body` returns the output or an error text (the frame fails). */
const precompile =
  (gas: bigint, body: Body) =>
  async (input: { data: Uint8Array; gasLimit: bigint }): Promise<ExecResult> => {
    if (input.gasLimit < gas) return failure(input.gasLimit, EVMError.errorMessages.OUT_OF_GAS);
    const out = await body(input.data);
    return typeof out === "string"
      ? failure(input.gasLimit, out)
      : { returnValue: out, executionGasUsed: gas };
  };

async function moveTheta(cache: StateCache, from: Address, to: Address, amount: bigint): Promise<boolean> {
  const src = await cache.getAccount(from);
  if ((src?.balance.thetaWei ?? 0n) < amount) return false;
  if (amount === 0n || src === undefined) return true;
  cache.putAccount({ ...src, balance: { ...src.balance, thetaWei: src.balance.thetaWei - amount } });
  const dst = (await cache.getAccount(to)) ?? newAccount(to.slice());
  cache.putAccount({ ...dst, balance: { ...dst.balance, thetaWei: dst.balance.thetaWei + amount } });
  return true;
}

/** The Theta precompiles over the current run of `host`. */
export function thetaPrecompiles(host: PrecompileHost): CustomPrecompiles {
  return [
    {
      address: precompileAddress(0xc9),
      function: precompile(4n, async (data) => {
        return word((await host.cache().getAccount(inputAddress(data)))?.balance.thetaWei ?? 0n);
      }),
    },
    {
      address: precompileAddress(0xca),
      function: precompile(200n, async (data) => {
        const address = inputAddress(data);
        const view = host.cache().view;
        let sum = 0n;
        for (const c of (await view.getVcp()).sortedCandidates) sum += staked(c.stakes, address);
        for (const g of (await view.getGcp())?.sortedGuardians ?? []) sum += staked(g.stakes, address);
        return word(sum);
      }),
    },
    {
      address: precompileAddress(THETA_TRANSFER_ID),
      function: async (input) => {
        // Before the SupportThetaToken height the address is no precompile: a call runs no code.
        if (!host.supportTheta()) return { returnValue: new Uint8Array(0), executionGasUsed: 0n };
        return precompile(21000n, async (data) => {
          const to = slice(data, 0, 20);
          const amount = toBigInt(slice(data, 20, 32));
          const moved = await moveTheta(host.cache(), host.caller(), to, amount);
          return moved ? new Uint8Array(0) : "insufficient Theta balance for transfer";
        })(input);
      },
    },
  ];
}
