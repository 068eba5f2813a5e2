// CI log contexts a secret is printed in. Each template is tagged `train` (the rules were tuned against it) or
// `test` (held out: written at the same time, never looked at while tuning), so the score on `test` predicts
// how the redactor does on contexts it was not shaped for.
import { ALNUM, B64URL, HEX } from './seeded-random.ts';
import type { Random } from './seeded-random.ts';
import type { SecretKind } from './secret-kinds.ts';

export type Split = 'train' | 'test';
export type Rendered = { lines: string[]; leaks: string[] };
export type Template = {
  id: string;
  split: Split;
  /** Which kinds the template prints: bare tokens need a self-describing format, commands want passwords. */
  applies: (kind: SecretKind) => boolean;
  render: (value: string, kind: SecretKind, random: Random) => Rendered;
};

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const ts = (random: Random): string => `2024-05-${String(random.int(10, 28))}T0${random.int(0, 9)}:${random.int(10, 59)}:${random.int(10, 59)}.${random.chars('0123456789', 7)}Z`;
const one = (line: string, value: string): Rendered => ({ lines: [line], leaks: [value] });
const any = (): boolean => true;
const bare = (kind: SecretKind): boolean => !kind.needsContext && !kind.password;
const tokenLike = (kind: SecretKind): boolean => !kind.password;
const passwords = (...ids: string[]) => (kind: SecretKind): boolean => Boolean(kind.password) || ids.includes(kind.id);
const registryTokens = passwords('docker-pat', 'github-classic-pat', 'gitlab-pat');
const ANSI = (code: number, text: string): string => `\x1b[${code}m${text}\x1b[0m`;

export const tokenTemplates: Template[] = [
  { id: 'env-dump', split: 'train', applies: any, render: (v, k) => one(`${k.env}=${v}`, v) },
  { id: 'export-trace', split: 'train', applies: any, render: (v, k) => one(`+ export ${k.env}="${v}"`, v) },
  { id: 'yaml-env', split: 'train', applies: any, render: (v, k) => ({ lines: ['    env:', `      ${k.env}: ${v}`, '      NODE_ENV: test'], leaks: [v] }) },
  { id: 'json-config', split: 'train', applies: any, render: (v, k) => one(`{"name":"deploy","${k.env.toLowerCase()}":"${v}","region":"eu-west-1"}`, v) },
  { id: 'timestamped', split: 'train', applies: any, render: (v, k, r) => one(`${ts(r)} ${k.env}=${v}`, v) },
  { id: 'ansi-colour', split: 'train', applies: any, render: (v, k) => one(`${ANSI(36, k.env)}=${ANSI(32, v)}`, v) },
  { id: 'bare-prose', split: 'train', applies: bare, render: (v) => one(`Using credentials ${v} for the upload`, v) },
  { id: 'bearer-header', split: 'train', applies: tokenLike, render: (v) => one(`curl -sSf -H "Authorization: Bearer ${v}" https://api.example.com/v1/deploy`, v) },
  { id: 'docker-run-env', split: 'train', applies: any, render: (v, k) => one(`docker run --rm -e ${k.env}=${v} ghcr.io/acme/app:1.4.2 npm test`, v) },
  { id: 'token-flag', split: 'train', applies: any, render: (v) => one(`./scripts/deploy.sh --token ${v} --env staging`, v) },
  {
    id: 'add-mask', split: 'train', applies: any,
    render: (v) => ({ lines: [`::add-mask::${v}`, 'Masking the deploy credential', `Deploying build 1423 with ${v} to staging`], leaks: [v] }),
  },
  { id: 'npmrc', split: 'train', applies: tokenLike, render: (v) => one(`//registry.npmjs.org/:_authToken=${v}`, v) },
  { id: 'dotenv-quoted', split: 'train', applies: any, render: (v, k) => one(`${k.env}='${v}'`, v) },
  { id: 'k8s-env-pair', split: 'train', applies: any, render: (v, k) => ({ lines: [`        - name: ${k.env}`, `          value: "${v}"`], leaks: [v] }) },
  { id: 'terraform-plan', split: 'train', applies: any, render: (v, k) => one(`      + ${k.env.toLowerCase()} = "${v}"`, v) },
  { id: 'python-repr', split: 'train', applies: any, render: (v, k) => one(`Settings(env='prod', ${k.env.toLowerCase()}='${v}', debug=False)`, v) },
  { id: 'ansi-split-token', split: 'train', applies: any, render: (v, k) => one(`${k.env}=\x1b[1m${v.slice(0, 6)}\x1b[22m${v.slice(6)}`, v) },
  { id: 'github-output', split: 'train', applies: any, render: (v) => one(`echo "token=${v}" >> "$GITHUB_OUTPUT"`, v) },
  { id: 'java-property', split: 'train', applies: any, render: (v, k) => one(`./gradlew publish -D${k.env.toLowerCase().replace(/_/g, '.')}=${v}`, v) },
  { id: 'url-password', split: 'train', applies: (kind) => tokenLike(kind) && !['azure-storage-key', 'aws-secret-key'].includes(kind.id), render: (v) => one(`git clone https://oauth2:${v}@gitlab.example.com/group/app.git`, v) },
  {
    id: 'k8s-secret-data', split: 'train', applies: any,
    render: (v, k) => ({ lines: ['apiVersion: v1', 'data:', `  ${k.env.toLowerCase()}: ${b64(v)}`, 'kind: Secret', 'metadata:', '  name: app-env'], leaks: [b64(v)] }),
  },
  { id: 'bare-log-message', split: 'train', applies: bare, render: (v) => one(`[deploy] authenticated as ci-bot (${v})`, v) },
  // Second held-out set: scored once, then looked at and tuned on (now train).
  { id: 'powershell-env', split: 'train', applies: any, render: (v, k) => one(`PS> $env:${k.env} = "${v}"`, v) },
  { id: 'timestamped-env-table', split: 'train', applies: any, render: (v, k, r) => one(`${ts(r)}   ${k.env}: ${v}`, v) },
  { id: 'docker-build-arg', split: 'train', applies: any, render: (v, k) => one(`docker build --build-arg ${k.env}=${v} -t ghcr.io/acme/app:ci .`, v) },
  { id: 'helm-set', split: 'train', applies: any, render: (v, k) => one(`helm upgrade --install app ./chart --set secrets.${k.env.toLowerCase()}=${v} --wait`, v) },
  { id: 'axios-error-dump', split: 'train', applies: tokenLike, render: (v) => one(`  headers: { Accept: 'application/json', Authorization: 'Bearer ${v}', 'User-Agent': 'axios/1.7.2' },`, v) },
  { id: 'curl-verbose-token', split: 'train', applies: tokenLike, render: (v) => one(`> Authorization: token ${v}`, v) },
  { id: 'xtrace-nested', split: 'train', applies: any, render: (v, k) => one(`++ ${k.env}=${v}`, v) },
  { id: 'ansi-yaml-value', split: 'train', applies: any, render: (v, k) => one(`\x1b[1m\x1b[33m${k.env}\x1b[39m\x1b[22m: \x1b[32m${v}\x1b[39m`, v) },
  { id: 'toml-config', split: 'train', applies: any, render: (v, k) => one(`${k.env.toLowerCase()} = "${v}"`, v) },
  { id: 'query-string', split: 'train', applies: tokenLike, render: (v) => one(`GET https://api.example.com/v2/items?api_key=${v}&page=2 -> 401`, v) },
  { id: 'bare-quoted', split: 'train', applies: bare, render: (v) => one(`warning: response echoed '${v}' back`, v) },
  { id: 'maven-settings', split: 'train', applies: any, render: (v) => ({ lines: ['    <server>', '      <id>releases</id>', '      <username>ci</username>', `      <password>${v}</password>`, '    </server>'], leaks: [v] }) },
  // Held out: written after the second held-out set was tuned on, scored once, not tuned on.
  { id: 'gitlab-private-token-header', split: 'test', applies: tokenLike, render: (v) => one(`$ curl --header "PRIVATE-TOKEN: ${v}" "https://gitlab.example.com/api/v4/projects"`, v) },
  { id: 'jenkins-echo', split: 'test', applies: any, render: (v) => ({ lines: ['[Pipeline] echo', `Token is ${v}`], leaks: [v] }) },
  { id: 'actions-with-input', split: 'test', applies: any, render: (v) => ({ lines: ['    with:', `      api-key: ${v}`, '      region: eu-west-1'], leaks: [v] }) },
  { id: 'logfmt', split: 'test', applies: any, render: (v, k) => one(`level=debug msg="loaded config" ${k.env.toLowerCase()}=${v} region=eu`, v) },
  { id: 'escaped-json', split: 'test', applies: any, render: (v, k) => one(`payload: "{\\"${k.env}\\":\\"${v}\\"}"`, v) },
  { id: 'compose-env-list', split: 'test', applies: any, render: (v, k) => one(`      - ${k.env}=${v}`, v) },
  { id: 'curl-form-secret', split: 'test', applies: any, render: (v) => one(`curl -X POST -d 'client_secret=${v}&grant_type=client_credentials' https://auth.example.com/token`, v) },
  { id: 'x-api-key-header', split: 'test', applies: tokenLike, render: (v) => one(`> X-Api-Key: ${v}`, v) },
  { id: 'bare-url-path', split: 'test', applies: bare, render: (v) => one(`POST https://hooks.example.com/notify/${v} 200 OK`, v) },
];

export const passwordTemplates: Template[] = [
  { id: 'docker-login-p', split: 'train', applies: registryTokens, render: (v) => one(`docker login -u ci-bot -p ${v} registry.example.com`, v) },
  { id: 'mysql-attached', split: 'train', applies: passwords(), render: (v) => one(`mysql -h db.internal -u app -p${v} app_test < schema.sql`, v) },
  { id: 'curl-u', split: 'train', applies: passwords('github-classic-pat'), render: (v) => one(`curl -fsS -u deploy:${v} https://nexus.example.com/repository/releases/`, v) },
  { id: 'sshpass', split: 'train', applies: passwords(), render: (v) => one(`sshpass -p '${v}' ssh -o StrictHostKeyChecking=no deploy@10.0.4.12 'systemctl restart app'`, v) },
  { id: 'pgpassword', split: 'train', applies: passwords(), render: (v) => one(`PGPASSWORD=${v} psql -h localhost -U postgres -c 'select 1'`, v) },
  { id: 'htpasswd', split: 'train', applies: passwords(), render: (v) => one(`htpasswd -bc /etc/nginx/.htpasswd admin ${v}`, v) },
  { id: 'password-stdin-echo', split: 'train', applies: registryTokens, render: (v) => one(`echo "${v}" | docker login ghcr.io -u ci-bot --password-stdin`, v) },
  { id: 'git-credential-url', split: 'train', applies: passwords('github-app-installation'), render: (v) => one(`git remote set-url origin https://ci-bot:${v}@git.example.com/acme/app.git`, v) },
  { id: 'password-equals', split: 'train', applies: passwords(), render: (v) => one(`helm repo add internal https://charts.example.com --username ci --password=${v}`, v) },
  { id: 'redis-cli', split: 'train', applies: passwords(), render: (v) => one(`redis-cli -h cache.internal -a ${v} ping`, v) },
  {
    id: 'docker-config-auth', split: 'train', applies: registryTokens,
    render: (v) => { const auth = b64(`ci-bot:${v}`); return one(`{"auths":{"registry.example.com":{"auth":"${auth}"}}}`, auth); },
  },
  { id: 'basic-header', split: 'train', applies: passwords(), render: (v) => { const auth = b64(`deploy:${v}`); return one(`curl -H "Authorization: Basic ${auth}" https://artifacts.example.com/api/upload`, auth); } },
  { id: 'docker-env-password', split: 'train', applies: passwords(), render: (v) => one(`docker run -d -e POSTGRES_PASSWORD=${v} -p 5432:5432 postgres:16`, v) },
  { id: 'mysql-spaced', split: 'train', applies: passwords(), render: (v) => one(`mysqldump -u root -p ${v} --databases shop > dump.sql`, v) },
  { id: 'curl-user-long', split: 'train', applies: passwords(), render: (v) => one(`curl --user "admin:${v}" -X POST https://jenkins.example.com/job/deploy/build`, v) },
  { id: 'keytool', split: 'train', applies: passwords(), render: (v) => one(`keytool -importkeystore -srckeystore release.p12 -srcstorepass ${v} -deststorepass ${v}`, v) },
  { id: 'openssl-pass', split: 'train', applies: passwords(), render: (v) => one(`openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:${v}`, v) },
  { id: 'unlock-keychain', split: 'train', applies: passwords(), render: (v) => one(`security unlock-keychain -p "${v}" build.keychain`, v) },
  { id: 'sqlcmd', split: 'train', applies: passwords(), render: (v) => one(`sqlcmd -S localhost -U sa -P '${v}' -Q "SELECT 1"`, v) },
  { id: 'echo-base64-decode', split: 'train', applies: passwords(), render: (v) => { const enc = b64(`admin:${v}`); return one(`echo ${enc} | base64 -d > /tmp/creds`, enc); } },
  {
    id: 'dockerconfigjson', split: 'train', applies: registryTokens,
    render: (v) => {
      const enc = b64(JSON.stringify({ auths: { 'ghcr.io': { auth: b64(`bot:${v}`) } } }));
      return { lines: ['data:', `  .dockerconfigjson: ${enc}`, 'kind: Secret', 'type: kubernetes.io/dockerconfigjson'], leaks: [enc] };
    },
  },
  { id: 'mongodb-uri', split: 'train', applies: passwords(), render: (v) => one(`MONGO_URL=mongodb://app:${v}@mongo-0.mongo:27017/app?authSource=admin`, v) },
  { id: 'smbclient', split: 'train', applies: passwords(), render: (v) => one(`smbclient //fs01/builds -U ci%${v} -c 'put artifact.zip'`, v) },
  { id: 'tailscale-authkey', split: 'train', applies: passwords('tailscale-auth'), render: (v) => one(`sudo tailscale up --authkey=${v} --hostname=ci-runner-7`, v) },
  { id: 'az-login', split: 'train', applies: passwords('azure-client-secret'), render: (v, _k, r) => one(`az login --service-principal -u ${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)} -p ${v} --tenant acme.onmicrosoft.com`, v) },
  // Second held-out set (now train).
  { id: 'wget-http-password', split: 'train', applies: passwords(), render: (v) => one(`wget --http-user=ci --http-password=${v} https://artifacts.example.com/app.tgz`, v) },
  { id: 'psql-uri', split: 'train', applies: passwords(), render: (v) => one(`psql "postgresql://postgres:${v}@localhost:5432/test" -c 'select 1'`, v) },
  { id: 'ansible-extra-var', split: 'train', applies: passwords(), render: (v) => one(`ansible-playbook site.yml -e "ansible_become_password=${v}"`, v) },
  { id: '7z-attached', split: 'train', applies: passwords(), render: (v) => one(`7z x artifacts.7z -p${v} -o./out`, v) },
  { id: 'sshpass-attached', split: 'train', applies: passwords(), render: (v) => one(`sshpass -p${v} scp build.tgz deploy@10.0.4.12:/srv/releases/`, v) },
  { id: 'sudo-stdin', split: 'train', applies: passwords(), render: (v) => one(`echo '${v}' | sudo -S apt-get install -y jq`, v) },
  { id: 'docker-login-long', split: 'train', applies: registryTokens, render: (v) => one(`docker login --username ci --password ${v} ghcr.io`, v) },
  { id: 'k8s-string-data', split: 'train', applies: passwords(), render: (v) => ({ lines: ['stringData:', `  password: ${v}`, '  username: app'], leaks: [v] }) },
  // Held out, not tuned on.
  { id: 'mysql-long-password', split: 'test', applies: passwords(), render: (v) => one(`mysql --host=db --user=root --password=${v} < seed.sql`, v) },
  { id: 'git-credentials-file', split: 'test', applies: passwords('github-classic-pat'), render: (v) => one(`https://ci-bot:${v}@github.com`, v) },
  { id: 'pg-keyword-conninfo', split: 'test', applies: passwords(), render: (v) => one(`psql "host=db port=5432 user=app password=${v} dbname=app"`, v) },
  { id: 'ldapsearch-w', split: 'test', applies: passwords(), render: (v) => one(`ldapsearch -x -D "cn=admin,dc=example,dc=org" -w ${v} -b dc=example,dc=org`, v) },
  { id: 'echo-into-env-file', split: 'test', applies: passwords(), render: (v) => one(`echo "DB_PASSWORD=${v}" >> .env`, v) },
];

const pemBody = (random: Random, magic: string, lines: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push((i === 0 ? magic : '') + random.chars(`${ALNUM}+/`, 64 - (i === 0 ? magic.length : 0)));
  out.push(`${random.chars(`${ALNUM}+/`, random.int(8, 40))}==`);
  return out;
};

export type BlockTemplate = { id: string; split: Split; kind: string; render: (random: Random) => Rendered };

export const blockTemplates: BlockTemplate[] = [
  {
    id: 'pem-rsa', split: 'train', kind: 'pem-private-key',
    render: (r) => { const body = pemBody(r, 'MIIEow', 6); return { lines: ['+ cat deploy_key', '-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----', '+ chmod 600 deploy_key'], leaks: body }; },
  },
  {
    id: 'pem-malformed-end', split: 'train', kind: 'pem-private-key',
    render: (r) => { const body = pemBody(r, 'MIIEvQ', 5); return { lines: ['-----BEGIN PRIVATE KEY-----', ...body, '-----END PRIVATE KEY----', 'Setting up the SSH agent', 'Identity added: /home/runner/.ssh/id_rsa', 'Cloning into "app"...'], leaks: body }; },
  },
  {
    id: 'pem-missing-end', split: 'train', kind: 'pem-private-key',
    render: (r) => { const stamp = ts(r); const body = pemBody(r, 'MHcCAQEE', 3); return { lines: [`${stamp} -----BEGIN EC PRIVATE KEY-----`, ...body.map((line) => `${stamp} ${line}`), `${stamp} ##[error]Process completed with exit code 1.`, `${stamp} Post job cleanup.`], leaks: body }; },
  },
  {
    id: 'openssh-key-yaml', split: 'train', kind: 'pem-private-key',
    render: (r) => { const body = pemBody(r, 'b3BlbnNzaC1rZXktdjE', 4); return { lines: ['  ssh_key: |', '    -----BEGIN OPENSSH PRIVATE KEY-----', ...body.map((line) => `    ${line}`), '    -----END OPENSSH PRIVATE KEY-----', '  known_hosts: github.com'], leaks: body }; },
  },
  {
    id: 'gcp-service-account-line', split: 'train', kind: 'gcp-service-account',
    render: (r) => {
      const id = r.chars(HEX, 40);
      const body = r.chars(`${ALNUM}+/`, 64);
      return one(`{"type":"service_account","project_id":"acme-ci","private_key_id":"${id}","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${body}\\n-----END PRIVATE KEY-----\\n","client_email":"ci@acme-ci.iam.gserviceaccount.com"}`, body);
    },
  },
  {
    id: 'gcp-service-account-pretty', split: 'train', kind: 'gcp-service-account',
    render: (r) => {
      const id = r.chars(HEX, 40);
      const body = r.chars(`${ALNUM}+/`, 64);
      return { lines: ['{', '  "type": "service_account",', `  "private_key_id": "${id}",`, `  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASC${body}\\n-----END PRIVATE KEY-----\\n",`, '  "client_id": "104972388457201838392"', '}'], leaks: [body] };
    },
  },
  {
    id: 'k8s-secret-manifest', split: 'train', kind: 'k8s-secret',
    render: (r) => {
      const values = [b64(r.chars(`${ALNUM}!#%`, 16)), b64(`postgres://app:${r.chars(ALNUM, 14)}@db:5432/app`), b64(r.chars(B64URL, 32))];
      return { lines: ['apiVersion: v1', 'data:', `  password: ${values[0]}`, `  database-url: ${values[1]}`, `  signing-key: ${values[2]}`, 'kind: Secret', 'metadata:', '  name: app-secrets', 'type: Opaque'], leaks: values };
    },
  },
  {
    id: 'k8s-secret-json', split: 'train', kind: 'k8s-secret',
    render: (r) => {
      const values = [b64(r.chars(`${ALNUM}!#%`, 18)), b64(r.chars(ALNUM, 40))];
      return { lines: ['{', '    "apiVersion": "v1",', '    "data": {', `        "api-token": "${values[0]}",`, `        "webhook-secret": "${values[1]}"`, '    },', '    "kind": "Secret"', '}'], leaks: values };
    },
  },
  {
    id: 'sentry-dsn-env', split: 'train', kind: 'sentry-dsn',
    render: (r) => { const key = r.chars(HEX, 32); return one(`SENTRY_DSN=https://${key}@o${r.int(100000, 999999)}.ingest.sentry.io/${r.int(1000000, 9999999)}`, key); },
  },
  {
    id: 'sentry-dsn-code', split: 'train', kind: 'sentry-dsn',
    render: (r) => { const key = r.chars(HEX, 32); return one(`  Sentry.init({ dsn: "https://${key}@o${r.int(100000, 999999)}.ingest.us.sentry.io/${r.int(1000000, 9999999)}", tracesSampleRate: 0.2 })`, key); },
  },
  {
    id: 'pem-json-array', split: 'train', kind: 'pem-private-key',
    render: (r) => { const body = pemBody(r, 'MIIJQgIBADAN', 4); return { lines: ['  "key": [', '    "-----BEGIN PRIVATE KEY-----",', ...body.map((line) => `    "${line}",`), '    "-----END PRIVATE KEY-----"', '  ],'], leaks: body }; },
  },
];
