/**
 * Blank workbooks officials fill in by hand: the task appendix, the meeting log,
 * document counts, digitisation figures, CCHC-index criteria and the other
 * targets' figures, each with Vietnamese headers, dropdowns and a "Hướng dẫn"
 * (instructions) sheet. `npm run templates` writes them into templates/.
 */
import ExcelJS from 'exceljs';
import {
  columnLetter,
  CRITERIA_TAB,
  DATE_PATTERN,
  sourceA1,
  DIGITISATION_TAB,
  DOCUMENTS_TAB,
  MEETINGS_TAB,
  OUTCOMES_TAB,
  PROGRESS_COLUMNS,
  STANDARD_UNITS,
  TASK_STATUSES,
  type Dropdown,
  type TabSpec,
} from '../../core/index';
import { OFFICIAL_FONT, officialPageSetup, THIN_BORDER } from './official-style';
import { addDropdown } from './tab-sheet';

interface TemplateColumn {
  header: string;
  width: number;
  choices?: readonly string[];
  /** Dropdown of unit names from the "Đơn vị" sheet. */
  units?: boolean;
  date?: boolean;
}

export interface TemplateSpec {
  file: string;
  sheet: string;
  columns: readonly TemplateColumn[];
  instructions: readonly string[];
}

/** Log templates share their columns with the store's tabs, so what officials fill in imports as is. */
function fromTab(tab: TabSpec): TemplateColumn[] {
  return tab.columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.choices ? { choices: c.choices } : {}),
    ...(c.choicesFrom ? { units: true } : {}),
    ...(c.type === 'date' ? { date: true } : {}),
  }));
}

export const TEMPLATES: readonly TemplateSpec[] = [
  {
    file: 'phu-luc-nhiem-vu.xlsx',
    sheet: 'Phụ lục',
    columns: [
      { header: 'STT', width: 6 },
      { header: 'Nội dung công việc', width: 50 },
      { header: 'Yêu cầu', width: 24 },
      { header: 'Cơ quan chủ trì', width: 24, units: true },
      { header: 'Cơ quan phối hợp', width: 24, units: true },
      { header: 'Sản phẩm', width: 22 },
      { header: 'Thời gian hoàn thành', width: 18 },
      // The tracking columns as the appendix export writes them; a new task has no id yet.
      ...PROGRESS_COLUMNS.filter((c) => !c.machine).map((c) => ({
        header: c.header,
        width: c.width,
        ...(c.header === 'Trạng thái' ? { choices: TASK_STATUSES } : {}),
        ...(c.header === 'Ngày hoàn thành' ? { date: true } : {}),
      })),
    ],
    instructions: [
      'Mỗi dòng là một nhiệm vụ; cột STT ghi số thứ tự (1, 2 … hoặc 1.1, 2.1.1).',
      'Dòng mục lớn: ghi số La Mã (I, II …) ở cột STT và tên mục ở cột "Nội dung công việc", các cột khác để trống.',
      'Mỗi nhiệm vụ chỉ một cơ quan chủ trì (một việc một đầu mối); nhiều cơ quan phối hợp cách nhau bằng dấu ";".',
      'Thời gian hoàn thành ghi như trong kế hoạch: "Quý I/2026", "Tháng 3/2026", "Trước 15/01/2026", "Năm 2026", "Thường xuyên".',
      'Trạng thái chọn trong danh sách; hoàn thành thì tiến độ 100% và ghi ngày hoàn thành (ngày/tháng/năm). Tiến độ ghi số từ 0 đến 100 (80 hoặc 80%).',
      'Cập nhật tiến độ: xuất phụ lục kèm tiến độ (cchc export --with-progress), điền các cột theo dõi rồi nhập lại tệp đó; nhiệm vụ được nhận theo cột "Mã nhiệm vụ", không nhân đôi.',
      'Nhập vào hệ thống bằng lệnh: cchc import TỆP.xlsx --plan SỐ_KẾ_HOẠCH (khi phụ lục không ghi số kế hoạch).',
    ],
  },
  {
    file: 'so-hoi-nghi.xlsx',
    sheet: MEETINGS_TAB.name,
    columns: fromTab(MEETINGS_TAB),
    instructions: [
      'Mỗi dòng là một hội nghị, cuộc họp đã tổ chức.',
      'Thời lượng ghi theo ngày: 0,5 là nửa ngày; 1,5 là một ngày rưỡi (hoặc ghi số giờ, ví dụ "4 giờ").',
      'Giới hạn: quán triệt không quá 1/2 ngày, chuyên môn không quá 1 ngày, quan trọng có thảo luận không quá 1,5 ngày.',
      'Chỉ tiêu 2026: hội nghị trực tuyến từ 60% trở lên; số hội nghị giảm ít nhất 10% so với năm trước; hội nghị toàn xã/phường không quá 3 cuộc/năm.',
      'Loại, hình thức, "Có/Không" ghi theo danh sách; viết hoa hay thường đều được, "x" hoặc "✓" là có.',
      'Nhập vào hệ thống bằng lệnh: cchc import TỆP.xlsx (nhập lại cùng sổ không bị nhân đôi).',
    ],
  },
  {
    file: 'bieu-chi-so-cchc.xlsx',
    sheet: CRITERIA_TAB.name,
    columns: fromTab(CRITERIA_TAB),
    instructions: [
      'Mỗi dòng là một lĩnh vực, nhóm hoặc tiêu chí; mã ghi như trong Bộ tiêu chí của tỉnh (1, 1.1, 2.1.1).',
      'Dòng lĩnh vực, nhóm: để trống điểm tự chấm; điểm tối đa (nếu ghi) phải bằng tổng các tiêu chí con.',
      'Tổng điểm tối đa các tiêu chí là 100. Mỗi tiêu chí chỉ một cơ quan chủ trì.',
      'Tài liệu kiểm chứng: mỗi dòng một liên kết (ví dụ thư mục Google Drive). Chấm điểm lớn hơn 0 mà chưa có tài liệu thì ghi giải trình.',
      'Nhập vào hệ thống bằng lệnh: cchc import TỆP.xlsx (hoặc cchc index-import TỆP.xlsx).',
    ],
  },
  {
    file: 'so-van-ban.xlsx',
    sheet: DOCUMENTS_TAB.name,
    columns: fromTab(DOCUMENTS_TAB),
    instructions: [
      'Mỗi dòng là số văn bản của một đơn vị trong một kỳ; cột "Kỳ" ghi kèm năm, ví dụ "Quý I/2026", "6 tháng đầu năm 2026", "Tháng 3/2026", "Năm 2026".',
      'Cột "Cùng kỳ năm trước": số văn bản hành chính đã ban hành cùng kỳ năm 2025, để tính mức giảm.',
      'Không tính văn bản mật vào cột "Văn bản đi, đến không mật" và "Gửi, nhận điện tử".',
      'Chỉ tiêu 2026: giảm ít nhất 15% văn bản hành chính so với năm trước; 100% văn bản không mật gửi, nhận điện tử.',
      'Nhập vào hệ thống bằng lệnh: cchc import TỆP.xlsx',
    ],
  },
  {
    file: 'so-lieu-so-hoa.xlsx',
    sheet: DIGITISATION_TAB.name,
    columns: fromTab(DIGITISATION_TAB),
    instructions: [
      'Mỗi dòng là số liệu một kỳ (ví dụ "Quý I/2026" cho quý I, "Tháng 3/2026" cho tháng 3) của một đơn vị, lấy từ Hệ thống thông tin giải quyết TTHC của tỉnh.',
      'Ghi số lượng (không ghi tỷ lệ); hệ thống tự tính tỷ lệ và so với chỉ tiêu.',
      'Các cột "TTHC có thu phí", "TTHC cho phép thanh toán trực tuyến", "TTHC có giao dịch thanh toán" là số thủ tục hiện có, không cộng dồn: báo cáo 6 tháng, năm lấy số của kỳ gần nhất (quý I và quý II cùng 36 thủ tục có thu phí thì 6 tháng là 36, không phải 72); các cột hồ sơ, văn bản được cộng qua các kỳ.',
      'Chỉ tiêu 2026: xử lý hồ sơ trên môi trường số và số hóa từ 95%; hồ sơ đúng hạn từ 95%; kết quả điện tử 100%; tái sử dụng kết quả số hóa từ 90%; hồ sơ trực tuyến xử lý toàn trình 100%; văn bản xử lý trên mạng từ 70% (mỗi đơn vị từ 90%).',
      'Nhập vào hệ thống bằng lệnh: cchc import TỆP.xlsx (hoặc tệp .csv); tệp xuất từ hệ thống của tỉnh cũng nhập được như vậy.',
    ],
  },
  {
    file: 'so-lieu-chi-tieu-khac.xlsx',
    sheet: OUTCOMES_TAB.name,
    columns: fromTab(OUTCOMES_TAB),
    instructions: [
      'Mỗi dòng là số liệu một kỳ (ví dụ "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026"), của cả phường/xã hoặc một đơn vị; ghi số phát sinh trong kỳ, không cộng dồn.',
      'Hài lòng với dịch vụ y tế, giáo dục công: số phiếu khảo sát và số phiếu hài lòng; hệ thống tự tính tỷ lệ (chỉ tiêu từ 90%).',
      'Giải ngân vốn đầu tư công: vốn được giao và vốn đã giải ngân, cùng đơn vị tính (triệu đồng); chỉ tiêu từ 90%. Vốn được giao là số của cả năm: báo cáo 6 tháng, năm lấy số của kỳ gần nhất, không cộng qua các kỳ.',
      'Kiểm tra công tác CCHC: số cơ quan, đơn vị thuộc diện kiểm tra (số hiện có, lấy số của kỳ gần nhất, không cộng qua các kỳ) và số đã được kiểm tra; chỉ tiêu từ 20%.',
      'Nhập vào hệ thống bằng lệnh: cchc import TỆP.xlsx',
    ],
  },
];

/** The template's own list of unit names (column A), which its unit columns' dropdowns point at. */
const UNITS_SHEET = 'Đơn vị';

function addUnitsSheet(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet(UNITS_SHEET);
  ws.columns = [{ header: 'Tên đơn vị', width: 44 }];
  ws.getRow(1).font = { ...OFFICIAL_FONT, bold: true };
  for (const unit of STANDARD_UNITS) ws.addRow([unit.name]);
}

export function templateWorkbook(spec: TemplateSpec): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cchc-sheets';
  const ws = workbook.addWorksheet(spec.sheet);
  ws.columns = spec.columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: { font: OFFICIAL_FONT, alignment: { vertical: 'top', wrapText: true }, ...(c.date ? { numFmt: DATE_PATTERN } : {}) },
  }));
  ws.getRow(1).eachCell((cell) => {
    cell.font = { ...OFFICIAL_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
  });
  spec.columns.forEach((c, i) => {
    const dropdown: Dropdown | null = c.choices
      ? { kind: 'list', values: c.choices }
      : c.units
        ? { kind: 'range', a1: sourceA1({ name: UNITS_SHEET, column: 0, lastRow: STANDARD_UNITS.length + 1 }, 2) }
        : null;
    if (dropdown)
      addDropdown(ws, `${columnLetter(i)}2:${columnLetter(i)}1000`, dropdown, (values) => ({ text: `Chọn: ${values.join(', ')}` }));
  });
  officialPageSetup(ws, 1);
  if (spec.columns.some((c) => c.units)) addUnitsSheet(workbook);
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 110, style: { font: OFFICIAL_FONT, alignment: { wrapText: true, vertical: 'top' } } }];
  guide.addRow(['HƯỚNG DẪN ĐIỀN BIỂU MẪU']).font = { ...OFFICIAL_FONT, bold: true };
  spec.instructions.forEach((line, i) => guide.addRow([`${i + 1}. ${line}`]));
  return workbook;
}
