import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Fallback when goimports is not installed: adds `import "pkg"` for each `undefined: name` whose name is
 * exactly one standard-library package's last path element. Anything else is left alone as ambiguous.
 */
export const addGoStdImports = async (options: {
  dir: string;
  file: string;
  undefinedNames: readonly string[];
  stdPackages: readonly string[];
}): Promise<string[]> => {
  const path = join(options.dir, options.file);
  let source = await readFile(path, 'utf8');
  const added: string[] = [];
  for (const name of new Set(options.undefinedNames)) {
    const matches = options.stdPackages.filter(
      (pkg) => pkg.split('/').at(-1) === name && !/(?:^|\/)(?:internal|vendor)(?:\/|$)/.test(pkg),
    );
    if (matches.length !== 1 || !matches[0]) continue;
    const pkg = matches[0];
    const block = /^import \(\n([\s\S]*?)\n\)/m.exec(source);
    const single = /^import ("[^"]+")\s*$/m.exec(source);
    if (block) {
      const lines = [...block[1]!.split('\n'), `\t"${pkg}"`]
        .filter((line) => line.trim().length > 0)
        .sort((a, b) => a.trim().localeCompare(b.trim()));
      source = source.replace(block[0], `import (\n${lines.join('\n')}\n)`);
    } else if (single) {
      const lines = [`\t${single[1]!}`, `\t"${pkg}"`].sort((a, b) => a.trim().localeCompare(b.trim()));
      source = source.replace(single[0], `import (\n${lines.join('\n')}\n)`);
    } else {
      source = source.replace(/^(package \w+\n)/m, `$1\nimport "${pkg}"\n`);
    }
    added.push(pkg);
  }
  if (added.length > 0) await writeFile(path, source);
  return added;
};
