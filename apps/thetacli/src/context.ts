/** What every command needs, injected so commands run in tests without a terminal or a node. */
import type { AskPassword } from "@theta/platform-node";
import type { RpcClient } from "./rpc/client.ts";

export interface CliContext {
  readonly configDir: string;
  readonly out: (line: string) => void;
  readonly ask: AskPassword;
  readonly rpc: () => RpcClient;
}
