import { dirname, resolve } from 'node:path';
import ts from 'typescript';

export type TsProject = {
  service: ts.LanguageService;
  configDir: string;
  fileNames: () => string[];
  read: (fileName: string) => string | undefined;
  /** Replaces a file's text in memory; the caller writes it to disk when it decides to keep it. */
  update: (fileName: string, text: string) => void;
};

/** A language service over the repository's own tsconfig, with in-memory edits layered on the disk. */
export const createTsHost = (options: { dir: string; tsconfig?: string | null }): TsProject | null => {
  const configPath = ts.findConfigFile(
    options.dir,
    (path) => ts.sys.fileExists(path),
    options.tsconfig ?? 'tsconfig.json',
  );
  if (!configPath || !resolve(configPath).startsWith(resolve(options.dir))) return null;
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error) return null;
  const configDir = dirname(configPath);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, configDir);
  const overlay = new Map<string, { version: number; text: string }>();
  const names = new Set(parsed.fileNames.map((name) => resolve(name)));
  const read = (fileName: string): string | undefined =>
    overlay.get(resolve(fileName))?.text ?? ts.sys.readFile(fileName);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [...names],
    getScriptVersion: (fileName) => String(overlay.get(resolve(fileName))?.version ?? 0),
    getScriptSnapshot: (fileName) => {
      const text = read(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => configDir,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (path) => overlay.has(resolve(path)) || ts.sys.fileExists(path),
    readFile: read,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (path) => ts.sys.directoryExists(path),
    getDirectories: (path) => ts.sys.getDirectories(path),
    realpath: (path) => ts.sys.realpath?.(path) ?? path,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    service,
    configDir,
    fileNames: () => [...names],
    read,
    update: (fileName, text) => {
      const key = resolve(fileName);
      overlay.set(key, { version: (overlay.get(key)?.version ?? 0) + 1, text });
      names.add(key);
    },
  };
};
