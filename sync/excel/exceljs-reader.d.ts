// exceljs's streaming reader imported by its own path (stream-grid.ts): the same class as ExcelJS.stream.xlsx.WorkbookReader.
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookReader: typeof ExcelJS.stream.xlsx.WorkbookReader;
  export default WorkbookReader;
}
