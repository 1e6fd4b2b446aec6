// What `import ExcelJS from 'exceljs'` is in the built CLI (scripts/build-cli.mjs points it here): exceljs's own index
// (lib/exceljs.nodejs.js) with its streaming classes loaded on first use. The index loads them eagerly: the writer's
// archiver and the reader's unzipper are half of the package, and a command pays for loading them at every start
// although only a large workbook (read-workbook.ts) streams and nothing here streams a write.
'use strict';

const ExcelJS = {
  Workbook: require('exceljs/lib/doc/workbook'),
  ModelContainer: require('exceljs/lib/doc/modelcontainer'),
  stream: {
    xlsx: {
      get WorkbookReader() {
        return require('exceljs/lib/stream/xlsx/workbook-reader');
      },
      get WorkbookWriter() {
        return require('exceljs/lib/stream/xlsx/workbook-writer');
      },
    },
  },
};
Object.assign(ExcelJS, require('exceljs/lib/doc/enums'));

module.exports = ExcelJS;
