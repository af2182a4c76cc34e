import { ThetaError } from "@theta/core-types";

/** Asks one question and resolves with the answer (a password). */
export type AskPassword = (question: string) => Promise<string>;

/** Stable codes of password-input failures. */
export const PasswordInputErrorCode = {
  NoInput: "PASSWORD_NO_INPUT",
  Interrupted: "PASSWORD_INTERRUPTED",
} as const;

/** The input side the prompter needs: a readable stream, a TTY when interactive. */
export interface PromptInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  /** Switches a TTY's raw mode (no echo, byte by byte). */
  setRawMode?(mode: boolean): unknown;
}

/**
 * Creates the password dialogue: on a terminal each question is printed and the answer read
 * without echo; otherwise each question consumes one line of the input (nothing is printed),
 * so `printf 'pw\npw\n' | theta start` works.
 */
export function createPasswordPrompter(input: PromptInput, output: NodeJS.WritableStream): AskPassword {
  return input.isTTY === true && input.setRawMode !== undefined
    ? (question) => askOnTerminal(input, output, question)
    : createLineReader(input);
}

function askOnTerminal(input: PromptInput, output: NodeJS.WritableStream, question: string): Promise<string> {
  output.write(question);
  return new Promise((resolve, reject) => {
    let answer = "";
    input.setRawMode?.(true);
    input.resume();
    const done = (e: ThetaError | undefined): void => {
      input.setRawMode?.(false);
      input.pause();
      input.removeListener("data", onData);
      output.write("\n");
      if (e === undefined) resolve(answer);
      else reject(e);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        const outcome = typeKey(ch);
        if (outcome !== "more") {
          done(outcome);
          return;
        }
      }
    };
    /** Applies one key press: "done", an error to stop with, or "more" to keep reading. */
    const typeKey = (ch: string): "more" | ThetaError | undefined => {
      if (ch === "\r" || ch === "\n") return undefined;
      if (ch === "\u0003")
        return new ThetaError(PasswordInputErrorCode.Interrupted, "password entry interrupted");
      if (ch === "\u0004" && answer === "")
        return new ThetaError(PasswordInputErrorCode.NoInput, "no password entered");
      if (ch === "\u007f" || ch === "\b") answer = answer.slice(0, -1);
      else answer += ch;
      return "more";
    };
    input.on("data", onData);
  });
}

function createLineReader(input: NodeJS.ReadableStream): AskPassword {
  const lines: string[] = [];
  const waiting: Array<{ resolve: (s: string) => void; reject: (e: Error) => void }> = [];
  let buffered = "";
  let ended = false;
  let started = false;
  const pump = (): void => {
    while (waiting.length > 0 && lines.length > 0) waiting.shift()!.resolve(lines.shift()!);
    if (ended) {
      if (waiting.length > 0 && buffered !== "") {
        waiting.shift()!.resolve(buffered);
        buffered = "";
      }
      for (const w of waiting.splice(0)) {
        w.reject(
          new ThetaError(PasswordInputErrorCode.NoInput, "expected a password line on standard input"),
        );
      }
    }
    if (waiting.length === 0) input.pause();
    else input.resume();
  };
  const start = (): void => {
    started = true;
    input.setEncoding("utf8");
    input.on("data", (chunk: string) => {
      buffered += chunk;
      let nl = buffered.indexOf("\n");
      while (nl >= 0) {
        lines.push(buffered.slice(0, nl).replace(/\r$/, ""));
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf("\n");
      }
      pump();
    });
    input.on("end", () => {
      ended = true;
      pump();
    });
  };
  return (_question) =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      if (!started) start();
      pump();
    });
}
