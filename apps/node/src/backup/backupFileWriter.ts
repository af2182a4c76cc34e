/**
 * A backup file being written (snapshots, chain files, chain corrections): its directory created,
 * writes that wait for the stream to drain when its buffer is full, and a close that resolves once
 * every byte is flushed (or rejects with the stream's error).
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

export interface BackupFileWriter {
  /** Queues `bytes`; a promise to await when the stream asks the writer to wait for a drain. */
  write(bytes: Uint8Array): Promise<void> | undefined;
  /** Ends the file; resolves when it is flushed. */
  close(): Promise<void>;
}

/** Creates `file` (and its directory) for writing. */
export async function openBackupFile(file: string): Promise<BackupFileWriter> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on("error", reject);
    out.on("finish", resolve);
  });
  // an error before close() still rejects `done`; keep it from surfacing as unhandled meanwhile
  done.catch(() => {});
  return {
    write: (bytes) => (out.write(bytes) ? undefined : new Promise<void>((r) => out.once("drain", () => r()))),
    close: () => {
      out.end();
      return done;
    },
  };
}
