// exceljs's streaming reader imported by its own path (stream-reader.ts): the same class as ExcelJS.stream.xlsx.WorkbookReader.
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookReader: typeof ExcelJS.stream.xlsx.WorkbookReader;
  export default WorkbookReader;
}

// exceljs's own cell helpers, by path: the streamed store (store/stream-tabs.ts) converts a formula's date result as loading
// does, and the store's sheet patch (store/sheet-patch.ts) writes text and dates as exceljs writes them.
declare module 'exceljs/lib/utils/utils.js' {
  const utils: {
    isDateFmt(format: string | undefined): boolean;
    excelToDate(serial: number, date1904?: boolean): Date;
    dateToExcel(date: Date, date1904?: boolean): number;
    xmlEncode(text: string): string;
    xmlDecode(text: string): string;
  };
  export default utils;
}
