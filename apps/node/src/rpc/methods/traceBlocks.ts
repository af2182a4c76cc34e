import { BlockStatus, type Hash } from "@theta/core-types";
import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import { hex0x } from "../json/encodings.ts";
import type { RpcMethod } from "../registry.ts";
import { boolArg, hashArg } from "./args.ts";
import { handlerError, isZero } from "./common.ts";

/** At most this many blocks are walked (the given one included) before the cap marker. */
export const TRACE_MAX_BLOCKS = 10_000;

/** A marker hash: the given first byte, 31 zero bytes. */
const marker = (first: number): Hash => {
  const h = new Uint8Array(32);
  h[0] = first;
  return h;
};
/** The markers ending a downstream walk (and an over-long upstream one). */
export const TraceMarker = {
  NoChild: marker(0x00),
  ChildMissing: marker(0x01),
  Fork: marker(0x02),
  Capped: marker(0x99),
} as const;

const Args = z.object({ hash: hashArg, upstream: boolArg });

/**
 * `theta.TraceBlocks {"hash","upstream"}` (docs/interfaces.md §1.4 method 6) → `{"Blocks":[hash…]}`
 * starting with `hash`. Upstream: parents up to and including the first directly or indirectly
 * finalized one (a missing parent is an error). Downstream: the only child while there is
 * exactly one, ending with a marker: `0x00…` no child, `0x01…` child not stored, `0x02…` two
 * children (a fork). Either way `0x99…` ends a walk that reached {@link TRACE_MAX_BLOCKS}; a block
 * with three or more children also ends that way, as the reference walks on without moving until
 * its cap.
 */
export function traceBlocksMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.TraceBlocks",
    params: Args,
    summary: "the chain of block hashes from a block up to a finalized ancestor, or down its children",
    handler: async (args) => {
      if (isZero(args.hash)) throw handlerError("Block hash must be specified");
      const find = async (hash: Hash) => {
        const links = await chain.blockLinks(hash);
        if (links === undefined) throw handlerError("KeyNotFound");
        return links;
      };
      let block = await find(args.hash);
      const out: Hash[] = [args.hash];
      if (args.upstream) {
        for (;;) {
          const parentHash = block.parent;
          const parent = await find(parentHash);
          out.push(parentHash);
          if (out.length > TRACE_MAX_BLOCKS) {
            out.push(TraceMarker.Capped);
            break;
          }
          if (
            parent.status === BlockStatus.DirectlyFinalized ||
            parent.status === BlockStatus.IndirectlyFinalized
          )
            break;
          block = parent;
        }
      } else {
        for (;;) {
          if (out.length + 1 > TRACE_MAX_BLOCKS || block.children.length > 2) {
            out.push(TraceMarker.Capped);
            break;
          }
          if (block.children.length === 2) {
            out.push(TraceMarker.Fork);
            break;
          }
          const childHash = block.children[0];
          if (childHash === undefined) {
            out.push(TraceMarker.NoChild);
            break;
          }
          const child = await chain.blockLinks(childHash);
          if (child === undefined) {
            out.push(TraceMarker.ChildMissing);
            break;
          }
          out.push(childHash);
          block = child;
        }
      }
      return { Blocks: out.map(hex0x) };
    },
  };
}
