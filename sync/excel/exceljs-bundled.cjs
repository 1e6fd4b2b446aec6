// What `import ExcelJS from 'exceljs'` is in the built CLI (scripts/build-cli.mjs points it here): exceljs's own index
// (lib/exceljs.nodejs.js) without its streaming classes. The index loads them eagerly, and the writer's archiver and
// the reader's unzipper are half of the package: every command paid for them at start. Nothing here streams: files
// officials import are read by the core's own reader (core/files/read-table-file.ts), the store is loaded whole.
'use strict';

module.exports = {
  Workbook: require('exceljs/lib/doc/workbook'),
  ModelContainer: require('exceljs/lib/doc/modelcontainer'),
  ...require('exceljs/lib/doc/enums'),
};
