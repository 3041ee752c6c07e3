import { describe, expect, it } from 'vitest';
import { backupSecret, s3Conf } from '../../src/compose/backup-secret.js';
import { BACKUP_SPEC, server } from '../fixtures/xr.js';
import { validateKubeObject } from '../support/kube-schema.js';

describe('s3Conf', () => {
  it('writes the pgBackRest [global] section for repo1', () => {
    expect(s3Conf('AKIAEXAMPLE', 'wJalr/K7MDENG+bPxRfiCY=')).toBe(
      '[global]\nrepo1-s3-key=AKIAEXAMPLE\nrepo1-s3-key-secret=wJalr/K7MDENG+bPxRfiCY=\n',
    );
  });

  const refused: { reason: string; id: string; secret: string }[] = [
    { reason: 'a newline in the key id would add an INI line', id: 'AKIA\n[evil]', secret: 's' },
    { reason: 'a newline in the secret would add an INI line', id: 'AKIA', secret: 's\nrepo2=x' },
    { reason: 'a carriage return counts as a line break too', id: 'AKIA', secret: 's\rx' },
  ];

  it.each(refused)('refuses line breaks: $reason', ({ id, secret }) => {
    // The message must not echo the credentials.
    expect(() => s3Conf(id, secret)).toThrow(
      new Error('S3 credentials must not contain line breaks'),
    );
  });
});

describe('backupSecret', () => {
  it('holds s3.conf base64-encoded under data, labelled as the backup component', () => {
    const built = server({ percona: { enabled: true, backup: BACKUP_SPEC } });
    const secret = backupSecret(built, s3Conf('AKIAEXAMPLE', 'secret'));
    expect(validateKubeObject(secret)).toStrictEqual([]);
    expect(secret).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'demo-pgbackrest-s3',
        namespace: 'team-a',
        labels: {
          'app.kubernetes.io/name': 'dittofs',
          'app.kubernetes.io/instance': 'demo',
          'app.kubernetes.io/managed-by': 'function-dittoserver',
          'app.kubernetes.io/component': 'backup',
        },
      },
      type: 'Opaque',
      data: {
        's3.conf':
          'W2dsb2JhbF0KcmVwbzEtczMta2V5PUFLSUFFWEFNUExFCnJlcG8xLXMzLWtleS1zZWNyZXQ9c2VjcmV0Cg==',
      },
    });
  });

  it('encodes UTF-8 text so it decodes back unchanged', () => {
    const text = s3Conf('ключ', 'pässwörd');
    const data = backupSecret(server(), text).data as Record<string, string>;
    expect(Buffer.from(data['s3.conf'] ?? '', 'base64').toString('utf8')).toBe(text);
  });
});
