// Throwaway PKI for TLS tests, made with the system's openssl at test time (nothing is checked
// in): a CA, a server certificate for 127.0.0.1 and a client certificate signed by it, and an
// unrelated CA with a client certificate of its own. EC P-256 keys: fast to generate.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const OPENSSL = '/usr/bin/openssl';

export interface TestCerts {
  readonly dir: string;
  /** Absolute path of a generated file: `ca.crt`, `server.key`, `client.crt`, `other-client.key`… */
  file(name: string): string;
  read(name: string): Buffer;
  /** The base64 body lines of every private key, to check that none ever leaks. */
  privateKeyMaterial(): string[];
}

/** Generates the certificates into `dir` (created if needed). */
export function makeTestCerts(dir: string): TestCerts {
  fs.mkdirSync(dir, { recursive: true });
  const run = (...args: string[]) => execFileSync(OPENSSL, args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  for (const ca of ['ca', 'other-ca']) {
    run('req', '-x509', ...ec, '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '2', '-subj', `/CN=Signet test ${ca}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  }
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  const leaves = [
    ['server', '127.0.0.1', 'ca', 'server.ext'],
    ['client', 'logstash-shipper', 'ca', 'client.ext'],
    ['other-client', 'intruder', 'other-ca', 'client.ext'],
  ] as const;
  for (const [name, cn, ca, ext] of leaves) {
    run('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    run('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', ext);
  }
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    file,
    read: (name) => fs.readFileSync(file(name)),
    privateKeyMaterial: () =>
      fs.readdirSync(dir)
        .filter((f) => f.endsWith('.key'))
        .flatMap((f) => fs.readFileSync(file(f), 'utf8').split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'))),
  };
}
