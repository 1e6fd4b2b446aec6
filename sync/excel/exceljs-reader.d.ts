// exceljs's streaming reader imported by its own path (stream-reader.ts): the same class as ExcelJS.stream.xlsx.WorkbookReader.
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookReader: typeof ExcelJS.stream.xlsx.WorkbookReader;
  export default WorkbookReader;
}

// exceljs's own cell helpers, by path: the streamed store (store/stream-tabs.ts) converts a formula's date result as loading does.
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { isDateFmt(format: string | undefined): boolean; excelToDate(serial: number, date1904?: boolean): Date };
  export default utils;
}
