/**
 * The `thetacli.*` methods of the wallet daemon (docs/interfaces.md §2.3), independent of HTTP: the
 * encrypted soft wallet under the config directory, with unlocked keys held only in memory.
 */
import { type Address, bytesToHex, encodeTx, ThetaError } from "@theta/core-types";
import { decryptKeystore, defaultCrypto } from "@theta/crypto";
import { nodeScrypt } from "@theta/platform-node";
import { nodeRandomKey, parseAddressArg, store } from "../cmds/key.ts";
import { buildSend } from "../cmds/txBuild.ts";
import { type JsonNode, parseJsonLossless } from "../jsonOutput.ts";
import type { RpcClient } from "../rpc/client.ts";
import { ensureKeyDir, listKeys, readKeyFile } from "../wallet/keyDir.ts";

export const DaemonErrorCode = {
  UnknownMethod: "CLI_DAEMON_UNKNOWN_METHOD",
  BadArgs: "CLI_DAEMON_BAD_ARGS",
  Locked: "CLI_DAEMON_KEY_LOCKED",
  Unlock: "CLI_DAEMON_UNLOCK",
  Broadcast: "CLI_DAEMON_BROADCAST",
} as const;

/** What a method returns: a JSON tree (kept lossless so node results pass through untouched). */
export type DaemonResult = JsonNode;

export interface DaemonService {
  /** Runs one `thetacli.*` method; throws a ThetaError whose message is the reference's wording. */
  call(method: string, args: Record<string, unknown>): Promise<DaemonResult>;
}

export interface DaemonDeps {
  readonly configDir: string;
  readonly rpc: () => RpcClient;
}

const bad = (message: string) => new ThetaError(DaemonErrorCode.BadArgs, message);
const str = (args: Record<string, unknown>, k: string): string => {
  const v = args[k];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw bad(`${k}: expected a string`);
  return v;
};
const addrText = (a: Address) => defaultCrypto.toChecksumAddress(a);
const json = (v: unknown): JsonNode => parseJsonLossless(JSON.stringify(v));

function weiArg(args: Record<string, unknown>, k: string): bigint {
  const text = str(args, k);
  if (!/^\d+$/.test(text))
    throw bad(`Failed to parse ${k}: expected a decimal integer in wei, got '${text}'`);
  return BigInt(text);
}

/** Creates the service; the key directory is created (mode 0700) if needed. */
export function createDaemonService(deps: DaemonDeps): DaemonService {
  ensureKeyDir(deps.configDir);
  const unlocked = new Map<string, Uint8Array>();
  const keyOf = (a: Address) => bytesToHex(a);

  const methods: Record<string, (args: Record<string, unknown>) => Promise<JsonNode>> = {
    "thetacli.NewKey": async (args) => {
      const key = nodeRandomKey();
      const address = await store(deps, key, str(args, "password"));
      unlocked.set(keyOf(address), key);
      return json({ address: addrText(address) });
    },
    "thetacli.ListKeys": async () => {
      const all = listKeys(deps.configDir);
      return json({ addresses: all.length === 0 ? null : all.map(addrText) });
    },
    "thetacli.UnlockKey": async (args) => {
      const address = parseAddressArg(str(args, "address"));
      try {
        const key = await decryptKeystore(
          readKeyFile(deps.configDir, address),
          str(args, "password"),
          { scrypt: nodeScrypt },
          address,
        );
        unlocked.set(keyOf(address), key);
      } catch (e) {
        throw new ThetaError(DaemonErrorCode.Unlock, "could not decrypt key with given password", {
          cause: e,
        });
      }
      return json({ unlocked: true });
    },
    "thetacli.LockKey": async (args) => {
      const text = str(args, "address");
      const address = parseAddressArg(text);
      if (!unlocked.delete(keyOf(address)))
        throw new ThetaError(DaemonErrorCode.Locked, `Cannot close address ${text}, not unlocked yet`);
      return json({ unlocked: false });
    },
    "thetacli.IsKeyUnlocked": async (args) =>
      json({ unlocked: unlocked.has(keyOf(parseAddressArg(str(args, "address")))) }),
    "thetacli.Send": async (args) => {
      const fromText = str(args, "from");
      const toText = str(args, "to");
      if (fromText === "" || toText === "") throw bad("The from and to address cannot be empty");
      if (fromText.toLowerCase() === toText.toLowerCase())
        throw bad("The from and to address cannot be identical");
      const from = parseAddressArg(fromText);
      const to = parseAddressArg(toText);
      const tx = buildSend({
        from,
        to,
        theta: weiArg(args, "thetawei"),
        tfuel: weiArg(args, "tfuelwei"),
        fee: weiArg(args, "fee"),
        seq: weiArg(args, "sequence"),
      });
      const key = unlocked.get(keyOf(from));
      if (!key)
        throw new ThetaError(
          DaemonErrorCode.Locked,
          `The from address ${addrText(from)} has not been unlocked yet`,
        );
      const signed = defaultCrypto.signTx(str(args, "chain_id"), tx, key);
      const method =
        args.async === true ? "theta.BroadcastRawTransactionAsync" : "theta.BroadcastRawTransaction";
      let result: JsonNode;
      try {
        result = await deps.rpc().call(method, { tx_bytes: bytesToHex(encodeTx(signed)) });
      } catch (e) {
        throw new ThetaError(DaemonErrorCode.Broadcast, `Server returned error: ${(e as Error).message}`, {
          cause: e,
        });
      }
      const hash = result.t === "obj" ? result.v.find(([k]) => k === "hash")?.[1] : undefined;
      const block = result.t === "obj" ? result.v.find(([k]) => k === "block")?.[1] : undefined;
      return {
        t: "obj",
        v: [
          ["hash", hash ?? { t: "lit", v: null }],
          ["block", block ?? { t: "lit", v: null }],
        ],
      };
    },
  };

  return {
    async call(method, args) {
      const fn = methods[method];
      if (!fn) throw new ThetaError(DaemonErrorCode.UnknownMethod, `method ${method} does not exist`);
      return fn(args);
    },
  };
}
