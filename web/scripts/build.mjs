// Builds the web app for Maven: `npm ci` first when node_modules is missing or older than
// package-lock.json, then `vite build` (into target/classes/webapp). Node's own modules only.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

function run(args) {
  if (args[0] === 'ci') console.log('[web] installing the toolchain: npm ci');
  execFileSync(npm, args, { cwd: root, stdio: 'inherit' });
}

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  run(['ci', '--no-audit', '--no-fund', '--loglevel=warn']);
}
run(['run', '--silent', 'build', '--', '--logLevel', 'warn']);
