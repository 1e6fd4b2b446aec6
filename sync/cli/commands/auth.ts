/** `cchc auth login`: sign in once with a Google account through an OAuth desktop client. */
import type { Command } from 'commander';
import { CchcError, EXIT } from '../../errors';
import { loginDesktop } from '../../sheets/oauth-login';
import { run } from '../outcome';

export function registerAuth(program: Command): void {
  program
    .command('auth')
    .description('Đăng nhập Google')
    .command('login')
    .description(
      'Đăng nhập một lần bằng tài khoản Google qua ứng dụng OAuth "Desktop app"; mã truy cập được lưu trong tệp chỉ người dùng đó đọc được',
    )
    .option('--client <tệp>', 'tệp JSON của ứng dụng OAuth Desktop (hoặc biến môi trường CCHC_GOOGLE_KEY_FILE)')
    .action(async (opts: { client?: string }) => {
      const file = opts.client ?? process.env['CCHC_GOOGLE_KEY_FILE'];
      if (!file)
        throw new CchcError('AUTH_CLIENT_REQUIRED', 'Ghi tệp ứng dụng OAuth Desktop bằng --client TỆP.json (tải từ Google Cloud Console).');
      const path = await loginDesktop(file);
      console.log(`Đã đăng nhập; mã truy cập được lưu ở ${path} (chỉ người dùng này đọc được).`);
      run.exitCode = EXIT.ok;
    });
}
