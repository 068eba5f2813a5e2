const sourceExt = '(?:[cm]?[jt]sx?|es6|vue|svelte|py|pyi|go|rs|java|kt|kts|scala|groovy|clj|cljs|c|cc|cpp|cxx|h|hpp|m|mm|swift|cs|fs|vb|rb|rake|php|ex|exs|erl|hrl|hs|lhs|lua|pl|pm|t|r|R|sh|bash|ya?ml|json|toml|gradle|xml|cmake|tf|proto|sql|css|scss|sass|less|html|md|mdx|tex|sty|phpt|graphql|gql|hbs)';
/** A source file path; the lookbehind makes a match start only where a path can start, which keeps long lines linear. */
export const sourcePath = `(?<![\\w@~.+\\-\\\\/])((?:[A-Za-z]:)?[\\w@~.+\\-\\\\/]*[\\w@+\\-]\\.${sourceExt})(?![\\w])`;

// Lines that are nothing but a path: ESLint's stylish file headers, and the file lists of formatters
// (`prettier --check`, black, rustfmt) under their own prefixes.
const barePath = new RegExp(`^(?:\\[warn\\]\\s+|would reformat\\s+|Would reformat:\\s+|Diff in\\s+)?${sourcePath}\\s*$`);
const MAX_PATH_LINE = 400;

/** The path when `text` is a path alone on its line (after a formatter's prefix), else null. */
export const matchBarePath = (options: { text: string }): string | null => {
  const text = options.text.trim();
  if (text.length < 3 || text.length > MAX_PATH_LINE) return null;
  return barePath.exec(text)?.[1] ?? null;
};
