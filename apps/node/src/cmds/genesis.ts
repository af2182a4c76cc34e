/**
 * `theta genesis --description=<file.json|yaml> --out=<snapshot file>`: writes a Theta-format
 * genesis snapshot from a description (chain id, timestamp, balances, validator and guardian
 * stakes). The file is written to a temporary name and renamed, so a failed run leaves nothing.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { bytesToHex, type HeaderForkHeights, mainnet, privatenet } from "@theta/core-types";
import { defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { type GenesisFile, parseGenesisText } from "../genesis/description.ts";
import { checkGuardianPops } from "../genesis/guardianPop.ts";
import { type WrittenGenesis, writeGenesisSnapshot } from "../genesis/writeGenesis.ts";

/** The header layout of a chain's genesis: mainnet's heights for `mainnet`, the privatenet's otherwise. */
export function genesisHeaderForks(chainId: string): HeaderForkHeights {
  return chainId === mainnet.chainId ? mainnet.headerForks : privatenet.headerForks;
}

/**
 * The snapshot bytes of a description, after the checks `theta genesis` makes beyond the schema:
 * every guardian's BLS proof of possession must verify (GENESIS_BAD_GUARDIAN_POP otherwise).
 */
export async function genesisSnapshotBytes(
  file: GenesisFile,
  crypto: ThetaCrypto = defaultCrypto,
): Promise<{ readonly bytes: Uint8Array; readonly written: WrittenGenesis }> {
  checkGuardianPops(file);
  const parts: Uint8Array[] = [];
  const written = await writeGenesisSnapshot({ crypto, sink: { write: (b) => void parts.push(b) } }, file, {
    forks: genesisHeaderForks(file.chainId),
  });
  return { bytes: Buffer.concat(parts), written };
}

/** Reads the description at `descriptionFile`, writes the snapshot to `outFile`. */
export async function runGenesis(
  opts: { readonly descriptionFile: string; readonly outFile: string },
  crypto: ThetaCrypto = defaultCrypto,
): Promise<WrittenGenesis> {
  const file = parseGenesisText(await readFile(opts.descriptionFile, "utf8"), opts.descriptionFile);
  const { bytes, written } = await genesisSnapshotBytes(file, crypto);
  const tmp = `${opts.outFile}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, bytes, { mode: 0o644 });
    await rename(tmp, opts.outFile);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return written;
}

/** The lines `theta genesis` prints after writing. */
export function genesisReport(outFile: string, w: WrittenGenesis): string[] {
  return [
    `Wrote ${outFile}: chain ${w.header.chainId}, ${w.records} state records`,
    `state root 0x${bytesToHex(w.stateRoot)}`,
    `genesis block hash 0x${bytesToHex(w.blockHash)} (set genesis.hash in config.yaml to this value)`,
  ];
}
