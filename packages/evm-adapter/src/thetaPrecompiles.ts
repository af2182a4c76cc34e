/**
 * Theta's precompiles (docs/interfaces.md §7.1): 0xc9 returns the THETA balance (gas 4) and 0xca the
 * THETA staked to validators and guardians, withdrawn stakes excluded (gas 200), of the address
 * in the last 20 bytes of the input, as a 32-byte word; from the SupportThetaToken height 0xcb
 * (gas 21000) moves THETA from its caller to the address in input bytes 0–20, the amount being
 * input bytes 20–52; from the WrappedTheta height the staking ones, 0xcc–0xcf
 * (`stakingPrecompiles.ts`).
 */
import type { EVMOpts } from "@ethereumjs/evm";
import { type Address, newAccount, type Stake } from "@theta/core-types";
import { inputAddress, inputSlice, noCode, precompile, toBigInt, word } from "./precompileCall.ts";
import { STAKING_PRECOMPILE_IDS, type StakingHost, stakingPrecompiles } from "./stakingPrecompiles.ts";
import type { StateCache } from "./stateCache.ts";

type CustomPrecompiles = NonNullable<EVMOpts["customPrecompiles"]>;

/** Precompiles at every height: Ethereum's 0x01–0x08 and Theta's 0xc9, 0xca. */
export const PRECOMPILE_IDS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 0xc9, 0xca];
/** The THETA transfer precompile, from the SupportThetaToken height. */
export const THETA_TRANSFER_ID = 0xcb;

/**
 * Whether `address` is a precompile (`supportTheta`: the SupportThetaToken height is reached;
 * `supportWrappedTheta`: the WrappedTheta height is reached).
 */
export function isPrecompileAddress(
  address: Address,
  supportTheta = false,
  supportWrappedTheta = false,
): boolean {
  for (let i = 0; i < 19; i++) if (address[i] !== 0) return false;
  const id = address[19] as number;
  return (
    PRECOMPILE_IDS.includes(id) ||
    (supportTheta && id === THETA_TRANSFER_ID) ||
    (supportWrappedTheta && STAKING_PRECOMPILE_IDS.includes(id))
  );
}

/** What the precompiles read from the current run. */
export interface PrecompileHost extends StakingHost {
  supportTheta(): boolean;
}

const precompileAddress = (id: number): `0x${string}` => `0x${id.toString(16).padStart(40, "0")}`;

function staked(stakes: readonly Stake[], address: Address): bigint {
  let sum = 0n;
  for (const s of stakes) if (!s.withdrawn && s.source.every((b, i) => b === address[i])) sum += s.amount;
  return sum;
}

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
        // The run's own view of the pools: stakes moved by 0xcc/0xcd earlier in the run count.
        const stakes = host.cache().stakes;
        let sum = 0n;
        for (const c of (await stakes.getVcp()).sortedCandidates) sum += staked(c.stakes, address);
        for (const g of (await stakes.getGcp())?.sortedGuardians ?? []) sum += staked(g.stakes, address);
        return word(sum);
      }),
    },
    {
      address: precompileAddress(THETA_TRANSFER_ID),
      function: async (input) => {
        // Before the SupportThetaToken height the address is no precompile: a call runs no code.
        if (!host.supportTheta()) return noCode();
        return precompile(21000n, async (data) => {
          const to = inputSlice(data, 0, 20);
          const amount = toBigInt(inputSlice(data, 20, 32));
          const moved = await moveTheta(host.cache(), host.caller(), to, amount);
          return moved ? new Uint8Array(0) : "insufficient Theta balance for transfer";
        })(input);
      },
    },
    ...stakingPrecompiles(host).map(([id, fn]) => ({ address: precompileAddress(id), function: fn })),
  ];
}
