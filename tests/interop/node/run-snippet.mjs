// Runs a backend snippet from `signet-cli project snippet` (CommonJS or ES module) on tokens.
//
//   node run-snippet.mjs SNIPPET_FILE
//
// Reads one token per line on stdin and prints one verdict per line, in order:
// {"valid":true,"payload":..} or {"valid":false,"code":..,"error":..}. The snippet is used as
// generated: its verifyToken(token) decides.

import {createInterface} from 'node:readline';
import {pathToFileURL} from 'node:url';

const file = process.argv[2];
if (!file) {
    process.stderr.write('run-snippet.mjs: needs the snippet file\n');
    process.exit(2);
}
const loaded = await import(pathToFileURL(file).href);
const verifyToken = loaded.verifyToken ?? loaded.default?.verifyToken;
if (typeof verifyToken !== 'function') {
    process.stderr.write('run-snippet.mjs: the snippet defines no verifyToken\n');
    process.exit(2);
}

const lines = createInterface({input : process.stdin, crlfDelay : Infinity});
for await (const line of lines) {
    const token = line.trim();
    if (!token)
        continue;
    let verdict;
    try {
        verdict = {valid : true, payload : await verifyToken(token)};
    } catch (error) {
        verdict = {valid : false, code : error.code ?? error.name, error : error.message};
    }
    process.stdout.write(JSON.stringify(verdict) + '\n');
}
process.exit(0);
