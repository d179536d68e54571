// CLI entry: `npm run es-conformance -- --url URL --dir DIR` bundles this file to
// dist/es-conformance/main.cjs and runs it. The only place in the module that touches the
// process (console, exit status, file writes).
import { writeFile } from 'node:fs/promises';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`es-conformance: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
