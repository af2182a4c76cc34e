/**
 * Funded privatenet accounts (the fixture's thetacli test keys; see
 * apps/node/src/genesis/privatenet.ts) as 0x-prefixed Ethereum private keys.
 */
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../../../apps/node/src/genesis/privatenet.ts";

/** Privatenet's EVM chain id (EIP-155). */
export const CHAIN_ID = 366;
/** The profile's minimum gas price in wei; eth_gasPrice never answers less. */
export const MIN_GAS_PRICE = 100_000_000n;

const keyOf = (address: string): `0x${string}` => {
  const k = PRIVATENET_TEST_KEYS.find((t) => t.address.toLowerCase() === address.toLowerCase());
  if (k === undefined) throw new Error(`no test key for ${address}`);
  return `0x${k.privateKey}`;
};

/** The validator: 312,500,000 TFuel at genesis. */
export const VALIDATOR_KEY = keyOf(PRIVATENET_VALIDATOR);
/** The other test keys, 5,000,000 TFuel each at genesis. */
export const OTHER_KEYS: readonly `0x${string}`[] = PRIVATENET_TEST_KEYS.filter(
  (k) => k.address.toLowerCase() !== PRIVATENET_VALIDATOR.toLowerCase(),
).map((k) => `0x${k.privateKey}` as const);
