// Passwords given on command lines, as CI scripts and `set -x` traces print them. Neither secretlint nor gitleaks
// has rules for these (they scan source files, where such lines are rare); they are Suture's own. A short flag
// such as -p means a password only for the commands listed with it: elsewhere it is a port or `mkdir -p`.
import { isSensitiveName } from './redact-assignments.ts';
import type { SecretRule } from './secret-rules.ts';

// A value: quoted, or a run without shell punctuation. Redirections and flags are not values.
const VALUE = String.raw`("[^"\s]*"|'[^'\s]*'|(?![-<>|&;])[^\s'"|;&<>()]+)`;

// Long (and Java-style single-dash) flags whose name ends in a secret word: --password, --registry-password,
// --api-token, --authkey, -storepass. Not --password-stdin, --token-file or --secret-name: their values are no secret.
const secretFlag = new RegExp(
  String.raw`(?<![\w-])(?:--?(?!no-)(?:[A-Za-z0-9]+[-_])*(?:password|passwd|passphrase|pass|pwd|token|secret|api-?key|apikey|auth-?key|authkey|access-?key|secret-?key|private-?key|client-?secret|credentials?|pat)|-(?:src|dest)?(?:storepass|keypass)|-pass(?:in|out)?)(?:=|\s+)${VALUE}`,
  'gi',
);

// Prose about a flag ("Using --password via the CLI is insecure") is not a flag with a value.
const proseWord = /^(?:via|is|are|was|the|a|an|and|or|to|in|on|for|with|from|option|flag|argument|instead|value|here|when|if|not|only|must|should|can|will)$/i;

// Commands whose short flag takes a password, and that flag.
// The command must be a command (at the start or after a space, slash or shell operator), not part of a name
// (`docker run --name mysql -p 3306:3306`), and a port mapping is never the value.
const shortFlag = (commands: string, flag: string, attached = true): RegExp =>
  new RegExp(String.raw`(?:^|[\s/;&|(])(?:${commands})(?=\s)[^|;&]*?\s${flag}${attached ? String.raw`\s*` : String.raw`\s+`}(?!\d+(?::\d+)*(?:\s|$))${VALUE}`, 'g');

export const cliRules: SecretRule[] = [
  // A named flag is a name=value pair: reported as such, like NAME=value.
  {
    kind: 'secret_assignment', hints: ['passw', '-pass', '_pass', 'storepass', 'keypass', 'passphrase', 'pwd', 'oken', 'secret', 'key', 'credential', '-pat'],
    pattern: secretFlag, group: 1, accept: (value) => !proseWord.test(value),
  },
  {
    kind: 'cli_password', hints: ['login'],
    pattern: shortFlag(String.raw`(?:docker|podman|buildah|nerdctl|skopeo|oras|crane|helm(?:\s+registry)?|regctl|apptainer|singularity)\s+(?:[\w-]+\s+)*?login`, '-p'),
    group: 1,
  },
  { kind: 'cli_password', hints: ['mysql', 'mariadb'], pattern: shortFlag(String.raw`mysql(?:dump|admin|sh|import|check)?|mariadb(?:-dump|-admin)?`, '-p'), group: 1 },
  { kind: 'cli_password', hints: ['sshpass'], pattern: shortFlag('sshpass', '-p'), group: 1 },
  { kind: 'cli_password', hints: ['redis-cli'], pattern: shortFlag('redis-cli', '-a', false), group: 1 },
  { kind: 'cli_password', hints: ['mongo'], pattern: shortFlag(String.raw`mongo(?:sh|dump|restore|import|export)?`, '-p', false), group: 1 },
  { kind: 'cli_password', hints: ['sqlcmd', 'bcp '], pattern: shortFlag('sqlcmd|bcp', '-P', false), group: 1 },
  { kind: 'cli_password', hints: ['az login', 'az ad'], pattern: shortFlag(String.raw`az\s+(?:login|ad\s+sp)`, '-p', false), group: 1 },
  { kind: 'cli_password', hints: ['keychain'], pattern: shortFlag(String.raw`security\s+(?:unlock|create|set)-keychain`, '-p', false), group: 1 },
  { kind: 'cli_password', hints: ['twine'], pattern: shortFlag('twine', '-p', false), group: 1 },
  { kind: 'cli_password', hints: ['zip ', '7z ', '7za '], pattern: shortFlag(String.raw`zip|unzip|7z|7za`, '-[pP]'), group: 1 },
  { kind: 'cli_password', hints: ['openssl'], pattern: shortFlag('openssl', '-k', false), group: 1 },
  { kind: 'cli_password', hints: ['pass:'], pattern: /(?<![\w-])pass:([^\s'"]{3,})/g, group: 1 },
  { kind: 'cli_password', hints: ['smbclient'], pattern: /\bsmbclient\b[^|;&]*?\s-U\s+['"]?[^\s%'"]+%([^\s'"]+)/g, group: 1 },
  { kind: 'cli_password', hints: ['lftp'], pattern: /\blftp\b[^|;&]*?\s-u\s+['"]?[^\s,'"]+,([^\s'"]+)/g, group: 1 },
  // curl -u user:pw, --user user:pw (the user stays readable; `-u 1000:1000` of docker is not curl).
  { kind: 'cli_password', hints: ['-u', '--user', '--proxy-user'], pattern: /\b(?:curl|wget|https?|xh|httpie)\b[^|;&]*?\s(?:-u|--user|--proxy-user|-U)(?:\s+|=)?['"]?[^\s:'"]+:([^\s'"]+)/g, group: 1 },
  // htpasswd -b[cBmsp] file user password (or -nb user password).
  { kind: 'cli_password', hints: ['htpasswd'], pattern: /\bhtpasswd\s+(?:-\w*n\w*\s+(?:-\w+\s+)*\S+|-\w*b\w*\s+(?:-\w+\s+)*\S+\s+\S+)\s+(\S+)/g, group: 1 },
  // echo PASS | docker login --password-stdin (or sudo -S, chpasswd), and `--password-stdin <<< PASS`.
  {
    kind: 'cli_password', hints: ['stdin', 'sudo', 'chpasswd'],
    pattern: new RegExp(String.raw`\b(?:echo|printf)\s+(?:-[neE]+\s+)?(?:(?:'%s'|"%s")\s+)?${VALUE}(?=\s*\|\s*(?:[^|]*--password-stdin|sudo\s+(?:-\w+\s+)*-\w*S\b|chpasswd))`, 'g'),
    group: 1,
  },
  { kind: 'cli_password', hints: ['stdin'], pattern: new RegExp(String.raw`--password-stdin\b.*?<<<\s*${VALUE}`, 'g'), group: 1 },
  // PowerShell: $env:DB_PASSWORD = "..."; XML config: <password>...</password> (Maven settings, NuGet, .NET).
  { kind: 'secret_assignment', hints: ['$env:'], pattern: new RegExp(String.raw`\$env:([A-Za-z_]\w*)\s*=\s*${VALUE}`, 'gi'), group: 2, accept: (_value, match) => isSensitiveName(/\$env:(\w+)/i.exec(match)?.[1] ?? '') },
  {
    kind: 'secret_assignment', hints: ['passw', 'oken', 'secret', 'key', 'pwd', 'credential', 'passphrase'],
    pattern: /<([A-Za-z_][\w.:-]*)>([^<\s]{3,})(?=<\/\1>)/g, group: 2, accept: (_value, match) => isSensitiveName(/^<([\w.:-]+)>/.exec(match)?.[1] ?? ''),
  },
  // aws configure set aws_secret_access_key VALUE; heroku/fly/gh `secrets set NAME VALUE` forms name the value.
  { kind: 'cli_password', hints: ['configure set'], pattern: /\baws\s+configure\s+set\s+\S*(?:secret|token|password)\S*\s+(\S+)/gi, group: 1 },
];
