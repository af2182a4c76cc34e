import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { isThetaError } from "@theta/core-types";
import { createPasswordPrompter, PasswordInputErrorCode } from "@theta/platform-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeKeyDir } from "../../src/keys/keyFiles.ts";
import { loadOrCreateNodeKey, NodeKeyErrorCode, PROMPTS } from "../../src/keys/loadNodeKey.ts";
import { clearTextCodec } from "../helpers/clearTextCodec.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "theta-key-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the flow with `stdinText` piped in (not a TTY); records prompts and messages. */
async function runFlow(stdinText: string, password?: string) {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const prompter = createPasswordPrompter(stdin, new PassThrough());
  const asked: string[] = [];
  const said: string[] = [];
  const result = await loadOrCreateNodeKey(
    {
      codec: clearTextCodec(),
      ask: (q) => {
        asked.push(q);
        return prompter(q);
      },
      say: (l) => said.push(l),
    },
    password === undefined ? { keyRoot: root } : { keyRoot: root, password },
  );
  return { result, asked, said };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isThetaError(e)) return e.code;
    throw e;
  }
  throw new Error("expected a ThetaError");
}

describe("node key: first start", () => {
  it("creates a key after a confirmed password read from stdin, in a 0700 dir with a 0600 file", async () => {
    const { result, asked, said } = await runFlow("s3cret\ns3cret\n");
    expect(result.created).toBe(true);
    expect(asked).toEqual([PROMPTS.choose, PROMPTS.again]);
    expect(said.some((l) => l.startsWith("IMPORTANT"))).toBe(true);
    const dir = nodeKeyDir(root);
    expect(await readdir(dir)).toEqual([result.key.address]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, result.key.address))).mode & 0o777).toBe(0o600);
    const again = await runFlow("s3cret\n");
    expect(again.result.created).toBe(false);
    expect(again.asked).toEqual([PROMPTS.unlock]);
    expect(again.result.key).toEqual(result.key);
  });

  it("refuses passwords that do not match and writes nothing", async () => {
    expect(await codeOf(runFlow("one\ntwo\n"))).toBe(NodeKeyErrorCode.PasswordMismatch);
    expect(await readdir(root)).toEqual([]);
  });

  it("refuses an empty password", async () => {
    expect(await codeOf(runFlow("\n\n"))).toBe(NodeKeyErrorCode.EmptyPassword);
  });

  it("uses a supplied password without asking", async () => {
    const { result, asked } = await runFlow("", "given");
    expect(result.created).toBe(true);
    expect(asked).toEqual([]);
    expect((await runFlow("", "given")).result.key).toEqual(result.key);
  });

  it("accepts a last line without a newline, and fails cleanly when stdin has no line", async () => {
    await runFlow("", "pw");
    expect((await runFlow("pw")).result.created).toBe(false);
    expect(await codeOf(runFlow(""))).toBe(PasswordInputErrorCode.NoInput);
  });
});

describe("node key: existing keys", () => {
  it("a wrong password fails with the codec's error", async () => {
    await runFlow("", "right");
    expect(await codeOf(runFlow("wrong\n"))).toBe("TEST_BAD_PASSWORD");
  });

  it("more than one key file is an error naming the directory", async () => {
    await runFlow("", "pw");
    await writeFile(join(nodeKeyDir(root), "B000000000000000000000000000000000000000"), "{}");
    await expect(runFlow("", "pw")).rejects.toThrow(
      `Multiple encrypted keys detected under ${nodeKeyDir(root)}. Please keep only one key.`,
    );
    expect(await codeOf(runFlow("", "pw"))).toBe(NodeKeyErrorCode.MultipleKeys);
  });
});

describe("password prompt on a terminal", () => {
  it("prints the question, reads raw keys without echo, honours backspace", async () => {
    const input = Object.assign(new PassThrough(), {
      isTTY: true,
      rawModes: [] as boolean[],
      setRawMode(mode: boolean) {
        this.rawModes.push(mode);
      },
    });
    const output = new PassThrough();
    let printed = "";
    output.on("data", (c: Buffer) => {
      printed += c.toString("utf8");
    });
    const ask = createPasswordPrompter(input, output);
    const answer = ask("Password: ");
    input.write("se\u007fcret\r");
    expect(await answer).toBe("scret");
    expect(printed).toBe("Password: \n");
    expect(input.rawModes).toEqual([true, false]);
    const interrupted = ask("Password: ");
    input.write("\u0003");
    await expect(interrupted).rejects.toThrow("password entry interrupted");
  });
});
