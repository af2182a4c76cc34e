/** node:fs in a browser: no file exists (tests that need conformance data skip themselves). */
export const existsSync = (_path: string): boolean => false;

export function createReadStream(path: string): never {
  throw new Error(`node:fs in a browser: cannot read ${path}`);
}
