#!/usr/bin/env node
// The `workbench` command. The engine is TypeScript; tsx compiles it on the fly, so the CLI works
// in a fresh clone right after `npm ci`, with no build step.
'use strict';
const path = require('node:path');
require('tsx/cjs');
// `workbench runs | head` closes stdout early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
const { main } = require(path.join(__dirname, 'main.ts'));
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`workbench: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 70;
  },
);
