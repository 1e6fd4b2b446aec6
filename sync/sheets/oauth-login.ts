/**
 * `cchc auth login`: an official signs in once with their own Google account
 * through an OAuth "Desktop app" client (loopback redirect to 127.0.0.1); the
 * refresh token is cached in ~/.config/cchc-sheets/token.json with mode 0600.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CchcError } from '../errors';
import { desktopClient, readKeyJson, saveTokenCache, SHEETS_SCOPES, tokenCachePath } from './auth';

export interface LoginOptions {
  env?: NodeJS.ProcessEnv;
  /** Shows the consent address to the official (default: stderr). */
  show?: (url: string) => void;
  /** Google's token endpoint, for tests. */
  tokenUrl?: string;
}

export async function loginDesktop(clientFile: string, options: LoginOptions = {}): Promise<string> {
  const key = await readKeyJson(clientFile, '--client');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const redirect = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = desktopClient(key, clientFile, redirect, options.tokenUrl);
    const code = new Promise<string>((resolve, reject) => {
      server.on('request', (req, res) => {
        const url = new URL(req.url ?? '/', redirect);
        const got = url.searchParams.get('code');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(got ? '<p>Đã đăng nhập. Quay lại cửa sổ lệnh.</p>' : '<p>Chưa đăng nhập được. Quay lại cửa sổ lệnh.</p>');
        if (got) resolve(got);
        else reject(new CchcError('AUTH_LOGIN_DENIED', 'Google chưa cho phép truy cập (đã bấm từ chối hoặc đóng trang). Chạy lại "cchc auth login".'));
      });
    });
    const consent = client.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: [...SHEETS_SCOPES] });
    (options.show ?? ((u) => console.error(`Mở địa chỉ sau trong trình duyệt, đăng nhập và bấm "Cho phép":\n${u}`)))(consent);
    const { tokens } = await client.getToken(await code);
    const path = tokenCachePath(options.env);
    await saveTokenCache(path, tokens);
    return path;
  } finally {
    server.close();
  }
}
