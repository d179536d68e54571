// A minimal import resolver for eslint-plugin-import (resolver interface v2): Node resolution with
// TypeScript extensions plus the tsconfig `@/*` alias. Kept local because the published TypeScript
// resolvers depend on native bindings this registry does not carry in full (npm ci breaks).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const exts = ['.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json'];

function tryFile(p) {
  if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  for (const e of exts) if (fs.existsSync(p + e)) return p + e;
  for (const e of exts) { const i = path.join(p, 'index' + e); if (fs.existsSync(i)) return i; }
  return null;
}

exports.interfaceVersion = 2;
exports.resolve = function resolve(source, file) {
  if (source.startsWith('node:')) return { found: true, path: null };
  let target = null;
  if (source.startsWith('@/')) target = tryFile(path.join(root, source.slice(2)));
  else if (source.startsWith('.')) target = tryFile(path.resolve(path.dirname(file), source));
  else {
    try { target = require.resolve(source, { paths: [path.dirname(file)] }); } catch { /* bare specifier without main */ }
    if (!target) {
      const pkg = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
      const dir = path.join(root, 'node_modules', pkg);
      return fs.existsSync(dir) ? { found: true, path: dir } : { found: false };
    }
  }
  return target ? { found: true, path: target } : { found: false };
};
