import { runCli } from "../src/index.ts";

/** Runs the CLI in-process with scripted password answers; returns its exit code and output lines. */
export async function cli(argv: string[], answers: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const queue = [...answers];
  const prompts: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    ask: async (q) => {
      prompts.push(q);
      const a = queue.shift();
      if (a === undefined) throw new Error(`unexpected prompt: ${q}`);
      return a;
    },
  });
  return { code, out, err, prompts };
}
