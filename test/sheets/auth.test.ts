import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { auth } from '@googleapis/sheets';
import { describe, expect, it } from 'vitest';
import { sheetsApi } from '../../sync/sheets/client';
import { readSheet } from '../../sync/sheets/sheet-reader';
import { startSheetsEmulator } from '../sheets-emulator';
import { CchcError } from '../../sync/errors';
import { configDir, gcloudCredentialsPath, saveTokenCache, sheetsAuth, tokenCachePath } from '../../sync/sheets/auth';
import { loginDesktop } from '../../sync/sheets/oauth-login';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as CchcError,
  );
const mode = async (path: string) => (await stat(path)).mode & 0o777;
const DESKTOP = { installed: { client_id: 'cid.apps.googleusercontent.com', client_secret: 'GOCSPX-bi-mat' } };

describe('Google credentials', () => {
  it('uses CCHC_GOOGLE_ACCESS_TOKEN as a bearer token, billed to GOOGLE_CLOUD_QUOTA_PROJECT when set', async () => {
    const client = (await sheetsAuth({ env: { CCHC_GOOGLE_ACCESS_TOKEN: 'ya29.token' } })) as { getRequestHeaders(): Promise<Headers> };
    const headers = await client.getRequestHeaders();
    expect(headers.get('authorization')).toBe('Bearer ya29.token');
    expect(headers.get('x-goog-user-project')).toBeNull();
    const billed = (await sheetsAuth({ env: { CCHC_GOOGLE_ACCESS_TOKEN: 'ya29.token', GOOGLE_CLOUD_QUOTA_PROJECT: 'cchc-phuong' } })) as {
      getRequestHeaders(): Promise<Headers>;
    };
    expect((await billed.getRequestHeaders()).get('x-goog-user-project')).toBe('cchc-phuong');
  });

  it('loads a service-account key with only the spreadsheets scope', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const file = join(await tempDir(), 'key.json');
    await writeFile(
      file,
      JSON.stringify({ type: 'service_account', client_email: 'cchc@du-an.iam.gserviceaccount.com', private_key: privateKey }),
    );
    const google = (await sheetsAuth({ env: { CCHC_GOOGLE_KEY_FILE: file } })) as {
      getClient(): Promise<{ email: string; scopes: string[] }>;
    };
    const jwt = await google.getClient();
    expect(jwt.email).toBe('cchc@du-an.iam.gserviceaccount.com');
    expect(jwt.scopes).toEqual(['https://www.googleapis.com/auth/spreadsheets']);
  });

  it('says which file is wrong, without echoing its secrets', async () => {
    const dir = await tempDir();
    const missing = await failure(sheetsAuth({ env: { CCHC_GOOGLE_KEY_FILE: join(dir, 'khong-co.json') } }));
    expect(missing?.code).toBe('AUTH_KEY_FILE_MISSING');
    const broken = join(dir, 'hong.json');
    await writeFile(broken, '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----SECRET');
    const invalid = await failure(sheetsAuth({ env: { GOOGLE_APPLICATION_CREDENTIALS: broken } }));
    expect(invalid?.code).toBe('AUTH_KEY_FILE_INVALID');
    expect(invalid?.messageVi).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(invalid?.messageVi).not.toContain('SECRET');
    const noEmail = join(dir, 'thieu.json');
    await writeFile(noEmail, '{"type":"service_account","private_key":"SECRET"}');
    const incomplete = await failure(sheetsAuth({ env: { CCHC_GOOGLE_KEY_FILE: noEmail } }));
    expect(incomplete?.code).toBe('AUTH_KEY_FILE_INVALID');
    expect(incomplete?.message).not.toContain('SECRET');
  });

  it('without any credential says exactly what to do', async () => {
    const home = await tempDir();
    const error = await failure(sheetsAuth({ env: { HOME: home } }));
    expect(error).toBeInstanceOf(CchcError);
    expect(error?.code).toBe('AUTH_MISSING');
    for (const hint of [
      'CCHC_GOOGLE_KEY_FILE',
      'gcloud auth application-default login',
      'CCHC_GOOGLE_ACCESS_TOKEN',
      'docs/huong-dan-ket-noi-google-sheet.md',
    ]) {
      expect(error?.messageVi).toContain(hint);
    }
  });

  it("finds gcloud's application default credentials", async () => {
    const home = await tempDir();
    await mkdir(join(home, '.config/gcloud'), { recursive: true });
    await writeFile(
      join(home, '.config/gcloud/application_default_credentials.json'),
      JSON.stringify({ type: 'authorized_user', client_id: 'a', client_secret: 'b', refresh_token: 'c' }),
    );
    expect(await sheetsAuth({ env: { HOME: home } })).toBeTruthy();
  });

  it("on Windows, looks where gcloud and the official's settings live there: %APPDATA%", () => {
    const env = { APPDATA: 'C:\\Users\\Nguyễn Văn A\\AppData\\Roaming', HOME: '/home/x' };
    expect(gcloudCredentialsPath(env, 'win32')).toBe(join(env.APPDATA, 'gcloud', 'application_default_credentials.json'));
    expect(configDir(env, 'win32')).toBe(join(env.APPDATA, 'cchc-sheets'));
    expect(gcloudCredentialsPath(env, 'linux')).toBe(join('/home/x', '.config', 'gcloud', 'application_default_credentials.json'));
    expect(gcloudCredentialsPath({ ...env, CLOUDSDK_CONFIG: '/cfg' }, 'win32')).toBe(join('/cfg', 'application_default_credentials.json'));
  });

  it('a desktop client needs "cchc auth login" first, then uses the cached token and tightens its mode to 0600', async () => {
    const dir = await tempDir();
    const env = { XDG_CONFIG_HOME: dir, CCHC_GOOGLE_KEY_FILE: join(dir, 'client.json') };
    await writeFile(env.CCHC_GOOGLE_KEY_FILE, JSON.stringify(DESKTOP));
    expect((await failure(sheetsAuth({ env })))?.code).toBe('AUTH_LOGIN_REQUIRED');
    const cache = tokenCachePath(env);
    await saveTokenCache(cache, { refresh_token: '1//refresh', access_token: 'ya29.cached', expiry_date: Date.now() + 3_600_000 });
    expect(await mode(cache)).toBe(0o600);
    expect(await mode(join(dir, 'cchc-sheets'))).toBe(0o700);
    await chmod(cache, 0o644);
    const client = (await sheetsAuth({ env })) as { credentials: { refresh_token?: string } };
    expect(client.credentials.refresh_token).toBe('1//refresh');
    expect(await mode(cache)).toBe(0o600);
  });

  it('auth login: consent through the loopback redirect, token exchanged and cached 0600', async () => {
    const dir = await tempDir();
    const clientFile = join(dir, 'client.json');
    await writeFile(clientFile, JSON.stringify(DESKTOP));
    const seen: string[] = [];
    const google = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'ya29.new', refresh_token: '1//new', expires_in: 3599, token_type: 'Bearer' }));
      });
    });
    await new Promise<void>((resolve) => google.listen(0, '127.0.0.1', resolve));
    try {
      let consent = '';
      let forged = 0;
      const path = await loginDesktop(clientFile, {
        env: { XDG_CONFIG_HOME: dir },
        tokenUrl: `http://127.0.0.1:${(google.address() as AddressInfo).port}/token`,
        show: (url) => {
          consent = url;
          const params = new URL(url).searchParams;
          const redirect = params.get('redirect_uri')!;
          // A forged redirect without the login's state is refused; Google's own is accepted.
          void fetch(`${redirect}/?code=4/gia-mao`).then(async (r) => {
            forged = r.status;
            await fetch(`${redirect}/?code=4/ma-dong-y&state=${params.get('state')}&scope=x`);
          });
        },
      });
      const url = new URL(consent);
      expect(url.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/spreadsheets');
      expect(url.searchParams.get('access_type')).toBe('offline');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(forged).toBe(400);
      expect(seen).toHaveLength(1);
      const exchange = new URLSearchParams(seen[0]);
      expect(exchange.get('code')).toBe('4/ma-dong-y');
      expect(exchange.get('code_verifier')).toMatch(/^[\w.~-]{43,128}$/);
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ refresh_token: '1//new' });
      expect(await mode(path)).toBe(0o600);
    } finally {
      google.close();
    }
  });
});

describe('a login Google no longer honours', () => {
  it('is reported as AUTH_REJECTED with what to do, not as a rejected sheet request', async () => {
    const google = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }));
    });
    await new Promise<void>((resolve) => google.listen(0, '127.0.0.1', resolve));
    const emu = await startSheetsEmulator();
    try {
      const client = new auth.OAuth2({
        clientId: 'c',
        clientSecret: 's',
        endpoints: { oauth2TokenUrl: `http://127.0.0.1:${(google.address() as AddressInfo).port}/token` },
      });
      client.setCredentials({ refresh_token: '1//het-han', access_token: 'cu', expiry_date: 1 });
      const error = await failure(
        readSheet(sheetsApi(client, { CCHC_SHEETS_API_URL: emu.url }), emu.createSpreadsheet('x'), { backoff: { sleep: async () => {} } }),
      );
      expect(error?.code).toBe('AUTH_REJECTED');
      expect(error?.messageVi).toContain('cchc auth login');
      expect(error?.messageVi).not.toContain('het-han');
    } finally {
      google.close();
      await emu.close();
    }
  });
});
