/**
 * Names of gossip topics and the stream protocol. Both embed the chain id, so nodes of two chains
 * never share a topic or a protocol: topics are `/theta/<chainId>/ts/1/<channel>` (docs/consensus.md §5.6
 * names them `/theta/<chainId>/<version>/<channel>`; `ts/1` marks this implementation's wire format)
 * and point-to-point messages use `/theta/<chainId>/ts/1/direct`.
 */
import { ThetaError } from "@theta/core-types";
import { isP2pChannel, type P2pChannelId } from "./channels.ts";
import { P2pErrorCode } from "./errors.ts";

/** The wire-format version segment of every name. */
export const WIRE_VERSION = "ts/1";

const CHAIN_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Throws unless `chainId` is 1–64 characters of letters, digits, `_`, `.` or `-`. */
export function assertChainId(chainId: string): void {
  if (!CHAIN_ID.test(chainId)) {
    throw new ThetaError(
      P2pErrorCode.BadChainId,
      `chainId: expected 1-64 characters of [A-Za-z0-9_.-], got ${JSON.stringify(chainId)}`,
      { details: { field: "chainId" } },
    );
  }
}

/** `/theta/<chainId>/ts/1/`: the prefix of every topic and protocol of one chain. */
export function protocolPrefix(chainId: string): string {
  assertChainId(chainId);
  return `/theta/${chainId}/${WIRE_VERSION}/`;
}

/** The gossipsub topic of `channel` on `chainId`, e.g. `/theta/privatenet/ts/1/6`. */
export function topicName(chainId: string, channel: P2pChannelId): string {
  return `${protocolPrefix(chainId)}${channel}`;
}

/**
 * The stream protocol of point-to-point messages on `chainId`, e.g. `/theta/privatenet/ts/1/direct`:
 * one long-lived stream per peer carrying length-prefixed wire messages of every channel.
 */
export function directProtocol(chainId: string): string {
  return `${protocolPrefix(chainId)}direct`;
}

/** The channel a topic name of `chainId` stands for, or undefined if it is not one. */
export function channelOfName(chainId: string, name: string): P2pChannelId | undefined {
  const prefix = protocolPrefix(chainId);
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  if (!/^[0-9]{1,3}$/.test(rest)) return undefined;
  const n = Number(rest);
  return isP2pChannel(n) ? n : undefined;
}
