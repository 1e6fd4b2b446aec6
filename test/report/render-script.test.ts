import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run render', () => {
  it('without LibreOffice and pdftoppm says what to install, exits 2 and renders nothing', async () => {
    const empty = await tempDir(); // a PATH with no programs on it
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/render.ts'], {
      cwd: ROOT,
      env: { ...process.env, PATH: empty },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils');
    expect(result.stdout).toBe('');
  });
});
