import { access, constants } from 'node:fs/promises';

// Debian/Ubuntu, Fedora/RHEL, openSUSE, Alpine (the same places Go's crypto/x509 looks).
const candidates = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

/**
 * The host's system CA bundle. The install phase trusts it too: where the host's administrator added a CA
 * (a TLS-inspecting gateway, an internal registry), tools with their own CA lists (Node, pip) would otherwise fail.
 */
export const findHostCaBundle = async (): Promise<string | null> => {
  for (const path of candidates) {
    if (await access(path, constants.R_OK).then(() => true, () => false)) return path;
  }
  return null;
};
