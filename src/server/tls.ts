/**
 * Server credentials. Crossplane always presents a client certificate signed by the CA in
 * `ca.crt`, and the Go and Python SDKs require and verify it; the TypeScript SDK does not
 * (it passes `checkClientCertificate: false`), so this module builds mutual TLS itself.
 */
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';

/** The three files of the TLS Secret Crossplane mounts for every function. */
export const TLS_FILES = { key: 'tls.key', cert: 'tls.crt', ca: 'ca.crt' } as const;

export type CredentialsResult =
  | {
      readonly ok: true;
      readonly credentials: grpc.ServerCredentials;
      readonly transport: 'mtls' | 'insecure';
    }
  | { readonly ok: false; readonly message: string };

type CertificateFiles = { readonly key: Buffer; readonly cert: Buffer; readonly ca: Buffer };

function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.message : String(error);
}

function readCertificates(dir: string): CertificateFiles | { readonly problems: string[] } {
  const problems: string[] = [];
  const read = (name: string): Buffer => {
    try {
      return readFileSync(join(dir, name));
    } catch (error) {
      problems.push(`${name} (${errorCode(error)})`);
      return Buffer.alloc(0);
    }
  };
  const files = { key: read(TLS_FILES.key), cert: read(TLS_FILES.cert), ca: read(TLS_FILES.ca) };
  return problems.length > 0 ? { problems } : files;
}

/**
 * Mutual TLS from `dir`, or plaintext when `insecure`. A missing or unreadable file, or
 * certificates Node cannot use, give one line saying what is wrong and how to fix it.
 */
export function loadServerCredentials(options: {
  readonly insecure: boolean;
  readonly tlsServerCertsDir: string;
}): CredentialsResult {
  if (options.insecure) {
    return {
      ok: true,
      credentials: grpc.ServerCredentials.createInsecure(),
      transport: 'insecure',
    };
  }
  const dir = options.tlsServerCertsDir;
  const files = readCertificates(dir);
  if ('problems' in files) {
    return {
      ok: false,
      message:
        `cannot serve mutual TLS: unreadable in ${dir}: ${files.problems.join(', ')}; ` +
        'mount the TLS Secret there, point --tls-server-certs-dir (env TLS_SERVER_CERTS_DIR) ' +
        'at it, or pass --insecure for local use',
    };
  }
  try {
    // grpc-js only parses the PEM files when it binds; parse now for a precise message.
    createSecureContext({ key: files.key, cert: files.cert, ca: files.ca });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `cannot serve mutual TLS: invalid certificates in ${dir}: ${reason}`,
    };
  }
  return {
    ok: true,
    // `true`: require a client certificate and verify it against ca.crt.
    credentials: grpc.ServerCredentials.createSsl(
      files.ca,
      [{ private_key: files.key, cert_chain: files.cert }],
      true,
    ),
    transport: 'mtls',
  };
}
