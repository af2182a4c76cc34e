/**
 * Theta's read-only precompiles (interfaces.md §7.1): 0xc9 returns the THETA balance (gas 4) and
 * 0xca the THETA staked to validators and guardians, withdrawn stakes excluded (gas 200), of the
 * address in the last 20 bytes of the input, as a 32-byte word. The writing ones (0xcb THETA
 * transfer, 0xcc–0xcf staking) are not implemented.
 */
import { EVMError, type EVMOpts } from "@ethereumjs/evm";
import type { Address, Stake } from "@theta/core-types";
import type { StateCache } from "./stateCache.ts";

type CustomPrecompiles = NonNullable<EVMOpts["customPrecompiles"]>;

/** Addresses of the precompiles this adapter runs: Ethereum's 0x01–0x08 and Theta's 0xc9, 0xca. */
export const PRECOMPILE_IDS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 0xc9, 0xca];

/** Whether `address` is one of {@link PRECOMPILE_IDS}. */
export function isPrecompileAddress(address: Address): boolean {
  for (let i = 0; i < 19; i++) if (address[i] !== 0) return false;
  return PRECOMPILE_IDS.includes(address[19] as number);
}

const precompileAddress = (id: number): `0x${string}` => `0x${id.toString(16).padStart(40, "0")}`;

/** Go's BytesToAddress: the last 20 bytes, left-padded when shorter. */
function inputAddress(data: Uint8Array): Address {
  const out = new Uint8Array(20);
  const tail = data.subarray(Math.max(0, data.length - 20));
  out.set(tail, 20 - tail.length);
  return out;
}

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

/** The Theta precompiles, reading through `cache()` (the current run's cache). */
export function thetaPrecompiles(cache: () => StateCache): CustomPrecompiles {
  const run =
    (gas: bigint, read: (address: Address) => Promise<bigint>) =>
    async (input: { data: Uint8Array; gasLimit: bigint }) => {
      if (input.gasLimit < gas) {
        return {
          returnValue: new Uint8Array(0),
          executionGasUsed: input.gasLimit,
          exceptionError: new EVMError(EVMError.errorMessages.OUT_OF_GAS),
        };
      }
      return { returnValue: word(await read(inputAddress(input.data))), executionGasUsed: gas };
    };
  return [
    {
      address: precompileAddress(0xc9),
      function: run(4n, async (a) => (await cache().getAccount(a))?.balance.thetaWei ?? 0n),
    },
    {
      address: precompileAddress(0xca),
      function: run(200n, async (a) => {
        const view = cache().view;
        let sum = 0n;
        for (const c of (await view.getVcp()).sortedCandidates) sum += staked(c.stakes, a);
        for (const g of (await view.getGcp())?.sortedGuardians ?? []) sum += staked(g.stakes, a);
        return sum;
      }),
    },
  ];
}
