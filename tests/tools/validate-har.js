#!/usr/bin/env node
// Validates a HAR file against the HAR 1.2 schema with har-validator.
// Usage: node validate-har.js FILE.har
// Exit status: 0 valid, 1 invalid, 2 usage or read error.
'use strict';

const fs = require('fs');
const harValidator = require('har-validator');

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-har.js FILE.har');
  process.exit(2);
}

let document;
try {
  document = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`${file}: cannot read JSON: ${error.message}`);
  process.exit(2);
}

harValidator.har(document).then(
  () => {
    const count = document.log && Array.isArray(document.log.entries) ? document.log.entries.length : 0;
    console.log(`${file}: valid HAR 1.2 (${count} entries)`);
    process.exitCode = 0;
  },
  (error) => {
    console.error(`${file}: invalid HAR: ${error.message}`);
    for (const item of error.errors || []) {
      const where = item.dataPath || item.instancePath || '(root)';
      console.error(`  ${where} ${item.message}${item.params ? ' ' + JSON.stringify(item.params) : ''}`);
    }
    // exitCode rather than exit(): lets the error lines drain when stderr is a pipe.
    process.exitCode = 1;
  },
);
