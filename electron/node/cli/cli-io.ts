/**
 * The CLI's outputs, injectable so commands are tested in-process without capturing the real
 * stdout; the spawned-binary tests use the real streams.
 */

/** Where a command writes. */
export interface CliIo {
  /** Writes to standard output (text as given; add your own newline). */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
}

/** The process's real streams. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
