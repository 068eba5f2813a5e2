export type ConnectTarget = { host: string; port: number };

export type ParseConnectTargetOptions = { authority: string };

/**
 * The authority-form target of a CONNECT request (`host:port` or `[v6]:port`), strictly: no userinfo, path,
 * spaces or percent-encoding, which URL parsers would quietly normalise into something else.
 */
export const parseConnectTarget = (options: ParseConnectTargetOptions): ConnectTarget | null => {
  if (options.authority.length > 300) return null;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(options.authority);
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65_535) return null;
  return { host: match[1] ?? match[2] ?? '', port };
};
