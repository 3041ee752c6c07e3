/**
 * Real certificates made at test time with the openssl CLI: a CA, a server certificate for
 * localhost/127.0.0.1 laid out the way Crossplane mounts it (tls.key, tls.crt, ca.crt), a
 * client certificate from the same CA (what Crossplane presents), and a client certificate
 * from another CA (what an impostor presents).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ClientIdentity = { readonly key: Buffer; readonly cert: Buffer };

export type TestCertificates = {
  /** Directory with tls.key, tls.crt and ca.crt, for --tls-server-certs-dir. */
  readonly serverDir: string;
  /** The CA that signed the server certificate, for clients to trust. */
  readonly caCert: Buffer;
  readonly client: ClientIdentity;
  readonly foreignClient: ClientIdentity;
};

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '1', '-subj', `/CN=${name}`,
  ]); // prettier-ignore
}

function makeLeaf(dir: string, name: string, ca: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`,
  ]); // prettier-ignore
  openssl(dir, [
    'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`,
    '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`,
  ]); // prettier-ignore
}

/** Writes everything under `dir` (which must exist) and returns what the tests need. */
export function generateCertificates(dir: string): TestCertificates {
  makeCa(dir, 'ca');
  makeCa(dir, 'foreign-ca');
  makeLeaf(
    dir,
    'server',
    'ca',
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  makeLeaf(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  makeLeaf(dir, 'foreign-client', 'foreign-ca', 'extendedKeyUsage=clientAuth\n');

  const serverDir = join(dir, 'server-certs');
  mkdirSync(serverDir);
  const read = (file: string) => readFileSync(join(dir, file));
  writeFileSync(join(serverDir, 'tls.key'), read('server.key'));
  writeFileSync(join(serverDir, 'tls.crt'), read('server.crt'));
  writeFileSync(join(serverDir, 'ca.crt'), read('ca.crt'));
  return {
    serverDir,
    caCert: read('ca.crt'),
    client: { key: read('client.key'), cert: read('client.crt') },
    foreignClient: { key: read('foreign-client.key'), cert: read('foreign-client.crt') },
  };
}
