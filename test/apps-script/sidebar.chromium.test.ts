/**
 * The validation sidebar rendered in headless Chromium (the system's or the npm-shipped one, see
 * test/helpers/chromium.ts) with a stand-in for google.script.run: the issues show, grouped by kind,
 * and clicking one asks the script to select its cell.
 */
import { mkdir } from 'node:fs/promises';
import vm from 'node:vm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnLetter, TASKS_TAB } from '../../core/index';
import { launchChromium } from '../helpers/chromium';
import { fakeServices, type Cell } from './fakes';
import { builtBundle } from './gas';
import { TASK_HEADER, taskLine } from '../fixtures/task-rows';

let browser: Browser;
let html = '';

let code = '';
const header = TASK_HEADER;
// No status: the sidebar shows the checks' issues, not the tracking columns.
const row = (i: number, extra: Record<string, Cell>): Cell[] => taskLine<Cell>(i, { status: '', ...extra });

beforeAll(async () => {
  code = await builtBundle();
  const services = fakeServices({
    'Nhiệm vụ': [header, row(1, { progress: 150 }), row(2, { lead: 'Phòng VHXXH' }), row(3, { product: '' })],
  });
  const context = vm.createContext({ ...services.globals });
  vm.runInContext(code, context);
  (context as Record<string, () => void>)['cchcValidate']!();
  html = services.sidebars[0]!.html;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('validation sidebar in Chromium', () => {
  it('lists the issues by kind and clicking one selects its cell', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 600 } });
    // The stand-in for google.script.run records what the sidebar asks the script to do.
    const stub =
      '<script>window.__calls = []; window.google = { script: { run: { cchcSelectCell: function (r, c, s) { window.__calls.push([r, c, s]); } } } };</script>';
    await page.setContent(html.replace('<head>', `<head>${stub}`));
    await expect.poll(() => page.textContent('#summary')).toBe('1 lỗi, 2 cảnh báo');
    expect(await page.locator('h3').allTextContents()).toEqual([
      'Tiến độ ngoài khoảng 0–100% (1)',
      'Tên đơn vị viết sai (1)',
      'Thiếu sản phẩm (1)',
    ]);
    const link = page.locator('a', { hasText: '150% không hợp lệ' });
    const progressCol = TASKS_TAB.columns.findIndex((c) => c.key === 'progress') + 1;
    expect(await link.textContent()).toMatch(new RegExp(`^${columnLetter(progressCol - 1)}2: 150% không hợp lệ`));
    await link.click();
    expect(await page.evaluate('window.__calls')).toEqual([[2, progressCol, 'Nhiệm vụ']]);
    // To look at (tmp/ is not tracked: a test never rewrites the committed docs/img/sidebar.png).
    await mkdir('tmp/render', { recursive: true });
    await page.screenshot({ path: 'tmp/render/sidebar.png' });
    await page.close();
  });

  it("shows cell text holding $', $` and </script> as typed, never a blank page", async () => {
    const lead = "Phòng $' $` </script><b>đậm</b>";
    const services = fakeServices({ 'Nhiệm vụ': [header, row(1, { lead })] });
    const context = vm.createContext({ ...services.globals });
    vm.runInContext(code, context);
    (context as Record<string, () => void>)['cchcValidate']!();
    const page = await browser.newPage({ viewport: { width: 320, height: 600 } });
    await page.setContent(services.sidebars[0]!.html);
    await expect.poll(() => page.textContent('#summary')).toBe('0 lỗi, 1 cảnh báo');
    expect(await page.locator('a').first().textContent()).toContain(`"${lead}"`);
    expect(await page.locator('b').count()).toBe(0);
    await page.close();
  });
});
