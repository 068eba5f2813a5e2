export type QuoteShellArgOptions = { value: string };

/** POSIX single-quote quoting: safe for any byte sequence /bin/sh will see. */
export const quoteShellArg = (options: QuoteShellArgOptions): string =>
  /^[\w@%+=:,./-]+$/.test(options.value) ? options.value : `'${options.value.replace(/'/g, `'\\''`)}'`;
