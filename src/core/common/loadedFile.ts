/**
 * A file that a config names (certificateFile, metadataFile), as read by the caller before the pure checks run: the
 * checks never touch the file system, so reading stays asynchronous and bounded where it happens (src/io/files.ts).
 */
export type LoadedFile = { ok: true; bytes: Uint8Array } | { ok: false; problem: string; message: string };

/** Loaded files by the path as written in the config. */
export type LoadedFiles = ReadonlyMap<string, LoadedFile>;
