import { generateKeyPairSync } from 'node:crypto';

/**
 * A fresh RSA key pair standing in for a GitHub App's private key. PKCS#1 for the private key, because
 * that is the format GitHub hands out, so tests exercise the same key handling as production.
 */
export const createTestAppKey = (): { privateKey: string; publicKey: string } => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
};
