// A thread of the worker pool (./pool.ts): loads the TypeScript tasks through tsx, then answers
// one task per call. Kept to these lines: everything else is in ./tasks.ts.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS entry point, loaded by piscina */
require('tsx/cjs');
const { runTask } = require('./tasks.ts');

module.exports = (request) =>
  // The data layer's export reads the database from this thread (db/export-job.ts).
  request.name === 'export' ? require('../../db/export-job.ts').exportJob(request.input) : runTask(request);
