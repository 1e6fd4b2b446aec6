import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAppendix } from '../helpers/appendix-reader';
import { linesFromSeed, buildAppendixFile } from '../fixtures/appendix-xlsx';
import { useTempDir } from '../helpers/tmp';

const tempDir = useTempDir();

async function seedFile(name: string): Promise<string> {
  const path = join(await tempDir(), name.replace('.tsv', '.xlsx'));
  await buildAppendixFile(path, linesFromSeed(name));
  return path;
}

describe('importing the seed appendices', () => {
  it('Phúc Thuận: 9 tasks, no plan number, repeated header at a page break', async () => {
    const a = await readAppendix(await seedFile('phuc-thuan-appendix.tsv'));
    expect(a.tasks).toHaveLength(9);
    expect(a.planCode).toBeNull();
    expect(a.tasks.map((t) => t.stt)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(a.tasks[2]).toMatchObject({ lead: 'Phòng VHXH', deadline: 'Quý II/2026 (sau khi UBND tỉnh ban hành)' });
  });

  it('An Tường: 46 tasks in 8 sections; task 37 joined across a repeated header', async () => {
    const a = await readAppendix(await seedFile('an-tuong-appendix.tsv'));
    expect(a.tasks).toHaveLength(46);
    expect(new Set(a.tasks.map((t) => t.section))).toEqual(new Set(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']));
    const t37 = a.tasks.find((t) => t.stt === '37')!;
    expect(t37.title).toBe(
      'Thực hiện công tác hướng dẫn, kiểm tra việc sử dụng tài sản công của cơ quan, đơn vị thuộc phạm vi quản lý của phường.',
    );
    expect(t37.sectionTitle).toBe('CẢI CÁCH TÀI CHÍNH CÔNG');
    expect(t37.sourceRows).toHaveLength(2);
    expect(a.tasks[0]).toMatchObject({ stt: '1', deadline: 'Trước 15/01/2026', product: 'Kế hoạch', section: 'I' });
  });

  it('Nhị Chiểu: 19 tasks, plan 158/KH-UBND of 05/5/2026, split tasks joined cell by cell', async () => {
    const a = await readAppendix(await seedFile('nhi-chieu-appendix.tsv'));
    expect(a.tasks).toHaveLength(19);
    expect(a).toMatchObject({ planCode: '158/KH-UBND', planDate: '2026-05-05', planYear: 2026, ward: 'Nhị Chiểu' });
    const t12 = a.tasks.find((t) => t.stt === '12')!;
    expect(t12).toMatchObject({
      lead: 'Văn phòng HĐND và UBND phường',
      support: 'Các phòng, đơn vị',
      product: 'Ban hành hướng dẫn chế độ báo cáo thống nhất',
      deadline: 'Năm 2026',
    });
    expect(t12.title).toContain('thống nhất hệ thống biểu mẫu, chỉ tiêu báo cáo theo quy định của Nghị định số 09/2019/NĐ-CP');
    const t6 = a.tasks.find((t) => t.stt === '6')!;
    expect(t6.product.endsWith('báo cáo kết quả về UBND phường (qua phòng VHXH)')).toBe(true);
    const t17 = a.tasks.find((t) => t.stt === '17')!;
    expect(t17).toMatchObject({ lead: 'Phòng VHXXH', deadline: 'Thường xuyên, từ năm 2026' });
    expect(t17.title.startsWith('Chỉ đạo, hướng dẫn các cơ quan đơn vị, Cổng Thông tin')).toBe(true);
  });
});
