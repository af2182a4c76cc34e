/**
 * `theta make-privatenet --out <dir>`: writes the privatenet fixture (run by hand; the output is
 * committed as fixtures/privatenet): node/config.yaml, node/genesis and node/snapshot (the same
 * snapshot bytes, as in the reference fixture), node/key/encrypted/<validator>, and
 * thetacli/keys/encrypted/* for the six test keys, all encrypted with `qwertyuiop`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bytesToHex, hexToBytes } from "@theta/core-types";
import { defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import {
  PRIVATENET_GENESIS,
  PRIVATENET_PASSWORD,
  PRIVATENET_TEST_KEYS,
  PRIVATENET_VALIDATOR,
  privatenetConfigYaml,
} from "../genesis/privatenet.ts";
import { type WrittenGenesis, writeGenesisSnapshot } from "../genesis/writeGenesis.ts";
import { type CryptoNodeKeyCodecDeps, createCryptoNodeKeyCodec } from "../keys/cryptoNodeKeyCodec.ts";
import { genesisHeaderForks } from "./genesis.ts";

/** What the fixture generator needs: randomness and scrypt for the keystores (the node key codec's). */
export type MakePrivatenetDeps = CryptoNodeKeyCodecDeps;

/** The fixture's genesis snapshot bytes and what they hold (deterministic). */
export async function privatenetGenesisSnapshot(
  crypto: ThetaCrypto = defaultCrypto,
): Promise<{ readonly bytes: Uint8Array; readonly written: WrittenGenesis }> {
  const parts: Uint8Array[] = [];
  const written = await writeGenesisSnapshot(
    { crypto, sink: { write: (b) => void parts.push(b) } },
    PRIVATENET_GENESIS,
    { forks: genesisHeaderForks(PRIVATENET_GENESIS.chainId) },
  );
  return { bytes: Buffer.concat(parts), written };
}

/** Writes the fixture under `outDir`; returns the genesis block hash (0x…). */
export async function makePrivatenet(deps: MakePrivatenetDeps, outDir: string): Promise<string> {
  const crypto = deps.crypto ?? defaultCrypto;
  const { bytes, written } = await privatenetGenesisSnapshot(crypto);
  const hash = `0x${bytesToHex(written.blockHash)}`;
  const nodeDir = join(outDir, "node");
  const nodeKeys = join(nodeDir, "key", "encrypted");
  const cliKeys = join(outDir, "thetacli", "keys", "encrypted");
  await mkdir(nodeKeys, { recursive: true });
  await mkdir(cliKeys, { recursive: true });
  await writeFile(join(nodeDir, "config.yaml"), privatenetConfigYaml(hash));
  await writeFile(join(nodeDir, "genesis"), bytes);
  await writeFile(join(nodeDir, "snapshot"), bytes);
  const codec = createCryptoNodeKeyCodec({ ...deps, crypto });
  for (const k of PRIVATENET_TEST_KEYS) {
    const text = await codec.encrypt(
      { privateKey: hexToBytes(k.privateKey), address: k.address },
      PRIVATENET_PASSWORD,
    );
    await writeFile(join(cliKeys, k.address), text);
    if (k.address === PRIVATENET_VALIDATOR) await writeFile(join(nodeKeys, k.address), text);
  }
  return hash;
}
