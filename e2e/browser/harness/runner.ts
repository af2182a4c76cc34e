/**
 * The browser side: collects and runs the bundled test files with @vitest/runner (the runner
 * vitest itself uses), skips the tests BROWSER_SKIPS names, and reports every outcome.
 */
import { type File, startTests, type Task, type VitestRunner } from "@vitest/runner";
import { getTestName } from "@vitest/runner/utils";
import { BROWSER_SKIPS } from "./suites.ts";

export interface TestOutcome {
  readonly file: string;
  /** "<describe> > … > <test>", as `vitest list` names it. */
  readonly name: string;
  readonly state: "pass" | "fail" | "skip";
  readonly error?: string;
}

export interface BrowserReport {
  readonly userAgent: string;
  readonly tests: TestOutcome[];
  /** Collection errors and failed hooks (an `afterAll` vector count, say), by file and suite. */
  readonly errors: string[];
  readonly durationMs: number;
}

const describeError = (e: { message?: string; stack?: string }) => e.stack ?? e.message ?? String(e);

/** Marks the declared tests skipped, and suites left with nothing to run (their hooks would count the vectors). */
function skipDeclared(task: Task): void {
  if (task.type === "suite") {
    for (const t of task.tasks) skipDeclared(t);
    if (task.tasks.length > 0 && task.tasks.every((t) => t.mode === "skip")) task.mode = "skip";
    return;
  }
  const name = getTestName(task);
  if (BROWSER_SKIPS.some((s) => s.pattern.test(name))) task.mode = "skip";
}

function report(task: Task, file: string, tests: TestOutcome[], errors: string[]): void {
  if (task.type === "suite") {
    for (const e of task.result?.errors ?? []) errors.push(`${file} > ${task.name}: ${describeError(e)}`);
    for (const t of task.tasks) report(t, file, tests, errors);
    return;
  }
  const name = getTestName(task);
  const state = task.result?.state;
  if (state === "pass") tests.push({ file, name, state });
  else if (state === "skip" || state === "todo" || (state === undefined && task.mode !== "run")) {
    tests.push({ file, name, state: "skip" });
  } else {
    const errors = (task.result?.errors ?? []).map(describeError).join("\n");
    tests.push({
      file,
      name,
      state: "fail",
      error: errors || `did not finish (state ${state}, mode ${task.mode})`,
    });
  }
}

/** Runs the files (path from the repository root → a loader of the bundled module). */
export async function runBrowserTests(files: Record<string, () => Promise<unknown>>): Promise<BrowserReport> {
  const started = performance.now();
  const runner: VitestRunner = {
    config: {
      root: "/",
      setupFiles: [],
      name: "browser",
      passWithNoTests: false,
      testNamePattern: undefined,
      allowOnly: false,
      sequence: { shuffle: false, concurrent: false, seed: 0, hooks: "stack", setupFiles: "list" },
      chaiConfig: undefined,
      maxConcurrency: 5,
      testTimeout: 120_000,
      hookTimeout: 120_000,
      retry: 0,
      includeTaskLocation: false,
      tags: [],
      tagsFilter: undefined,
      strictTags: false,
    },
    async importFile(filepath) {
      const load = files[filepath];
      if (load === undefined) throw new Error(`no bundled module for ${filepath}`);
      await load();
    },
    onCollected(collected: File[]) {
      for (const f of collected) skipDeclared(f);
    },
  };
  const done = await startTests(Object.keys(files), runner);
  const tests: TestOutcome[] = [];
  const errors: string[] = [];
  for (const f of done) report(f, f.filepath, tests, errors);
  return { userAgent: navigator.userAgent, tests, errors, durationMs: performance.now() - started };
}
