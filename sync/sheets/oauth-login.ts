/**
 * `cchc auth login`: an official signs in once with their own Google account
 * through an OAuth "Desktop app" client (loopback redirect to 127.0.0.1, with a
 * state check and PKCE so no other page or process can slip its own code in);
 * the refresh token is cached in ~/.config/cchc-sheets/token.json, mode 0600.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CchcError } from '../errors';
import { desktopClient, readKeyJson, saveTokenCache, SHEETS_SCOPES, tokenCachePath } from './auth';

export interface LoginOptions {
  env?: NodeJS.ProcessEnv;
  /** Shows the consent address to the official (default: stderr). */
  show?: (url: string) => void;
  /** Google's token endpoint, for tests. */
  tokenUrl?: string;
  /** How long to wait for the browser (default 5 minutes). */
  timeoutMs?: number;
}

function page(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
  res.end(`<!doctype html><meta charset="utf-8"><title>cchc-sheets</title><p>${text}</p>`);
}

export async function loginDesktop(clientFile: string, options: LoginOptions = {}): Promise<string> {
  const key = await readKeyJson(clientFile, '--client');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const redirect = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = desktopClient(key, clientFile, redirect, options.tokenUrl);
    const state = randomBytes(16).toString('hex');
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const code = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new CchcError('AUTH_LOGIN_FAILED', 'Hết thời gian chờ đăng nhập. Chạy lại "cchc auth login" và mở địa chỉ được in ra.')),
        options.timeoutMs ?? 5 * 60_000,
      );
      server.on('request', (req, res) => {
        const query = new URL(req.url ?? '/', redirect).searchParams;
        const got = query.get('code');
        const refused = query.get('error');
        // A favicon request, a stale tab or a forged redirect without our state is answered and ignored.
        if (query.get('state') !== state || (!got && !refused)) return page(res, 400, 'Yêu cầu không hợp lệ.');
        clearTimeout(timer);
        page(res, 200, got ? 'Đã đăng nhập. Đóng trang này và quay lại cửa sổ lệnh.' : 'Chưa đăng nhập được. Quay lại cửa sổ lệnh.');
        if (got) resolve(got);
        else
          reject(
            new CchcError(
              'AUTH_LOGIN_DENIED',
              'Google chưa cho phép truy cập (đã bấm từ chối hoặc đóng trang). Chạy lại "cchc auth login" và bấm "Cho phép".',
            ),
          );
      });
    });
    const consent = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: [...SHEETS_SCOPES],
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256' as never,
    });
    (options.show ?? ((u) => console.error(`Mở địa chỉ sau trong trình duyệt, đăng nhập và bấm "Cho phép":\n${u}`)))(consent);
    let tokens: object;
    try {
      ({ tokens } = await client.getToken({ code: await code, codeVerifier }));
    } catch (error) {
      if (error instanceof CchcError) throw error;
      throw new CchcError('AUTH_LOGIN_FAILED', 'Google không đổi được mã xác nhận lấy mã truy cập. Chạy lại "cchc auth login".');
    }
    const path = tokenCachePath(options.env);
    await saveTokenCache(path, tokens);
    return path;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
