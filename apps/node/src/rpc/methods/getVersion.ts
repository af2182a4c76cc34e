import { z } from "zod";
import type { BuildInfo } from "../../buildInfo.ts";
import type { RpcMethod } from "../registry.ts";

/** `theta.GetVersion` result, members in the reference's order. */
export interface GetVersionResult {
  readonly version: string;
  readonly git_hash: string;
  readonly timestamp: string;
}

const GetVersionArgs = z.object({});

/** `theta.GetVersion {}` → `{version, git_hash, timestamp}` (docs/interfaces.md §1.4 method 1). */
export function getVersionMethod(info: BuildInfo): RpcMethod<typeof GetVersionArgs> {
  return {
    name: "theta.GetVersion",
    params: GetVersionArgs,
    summary: "the node's version, git commit and build time",
    handler: (): GetVersionResult => ({
      version: info.version,
      git_hash: info.gitHash,
      timestamp: info.timestamp,
    }),
  };
}
