/** The few node:path functions tests use to locate files, on POSIX paths. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return `/${out.join("/")}`;
}

export const dirname = (path: string): string => normalize(`${path}/..`);

export const join = (...parts: string[]): string => normalize(parts.join("/"));

export function resolve(...parts: string[]): string {
  let path = "";
  for (const p of parts) path = p.startsWith("/") ? p : `${path}/${p}`;
  return normalize(path);
}
