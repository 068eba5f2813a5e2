import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RealworldCase } from './realworld-case.ts';

/** Bad manifests are a bench author's mistake: one error naming every bad file and field. */
export const loadRealworldCases = async (options: {
  casesDir: string;
  only?: readonly string[];
}): Promise<RealworldCase[]> => {
  const files = (await readdir(options.casesDir)).filter((file) => file.endsWith('.json')).sort();
  const problems: string[] = [];
  const cases: RealworldCase[] = [];
  for (const file of files) {
    const text = await readFile(join(options.casesDir, file), 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      problems.push(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const parsed = RealworldCase.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(case)'}: ${issue.message}`);
      continue;
    }
    if (parsed.data.id !== basename(file, '.json')) problems.push(`${file}: id ${parsed.data.id} does not match the file name`);
    else cases.push(parsed.data);
  }
  const unknown = (options.only ?? []).filter((id) => !cases.some((entry) => entry.id === id));
  if (unknown.length > 0) problems.push(`--only names unknown case(s): ${unknown.join(', ')}`);
  if (problems.length > 0) throw new Error(`invalid real-world cases in ${options.casesDir}:\n  ${problems.join('\n  ')}`);
  return options.only && options.only.length > 0 ? cases.filter((entry) => options.only?.includes(entry.id)) : cases;
};
