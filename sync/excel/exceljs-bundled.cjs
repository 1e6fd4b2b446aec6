// What `import ExcelJS from 'exceljs'` is in the built CLI (scripts/build-cli.mjs points it here): exceljs's own index
// (lib/exceljs.nodejs.js) without its streaming classes. The index loads them eagerly, and the writer's archiver and
// the reader's unzipper are half of the package: every command paid for them at start. Nothing here streams a
// write; the streaming reader is imported by its own path where a large workbook is read (stream-grid.ts).
'use strict';

module.exports = {
  Workbook: require('exceljs/lib/doc/workbook'),
  ModelContainer: require('exceljs/lib/doc/modelcontainer'),
  ...require('exceljs/lib/doc/enums'),
};
