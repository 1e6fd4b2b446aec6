// exceljs's own cell helpers, by path: the streamed store (store/stream-tabs.ts) converts values as loading does, and
// the store's sheet patch (store/sheet-patch.ts) writes text and dates as exceljs writes them.
declare module 'exceljs/lib/utils/utils.js' {
  const utils: {
    excelToDate(serial: number, date1904?: boolean): Date;
    dateToExcel(date: Date, date1904?: boolean): number;
    xmlEncode(text: string): string;
    xmlDecode(text: string): string;
  };
  export default utils;
}
