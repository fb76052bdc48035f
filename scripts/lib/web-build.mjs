// Builds the web app (web/) into the API's wwwroot, where the API serves it, and measures the JavaScript a first
// visit downloads: the entry script and the chunks it preloads, gzipped. The budget is 200 KB (docs: design §7).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './paths.mjs';
import { run } from './run.mjs';

export const webRoot = path.join(root, 'api', 'Reasonable.Api', 'wwwroot');
export const initialJsBudgetBytes = 200 * 1024;

export function buildWeb({ quiet = false } = {}) {
  run(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', quiet ? 'error' : 'warn'], { cwd: path.join(root, 'web') });
  fs.writeFileSync(path.join(webRoot, '.gitkeep'), ''); // vite empties the folder; git keeps it through this file
  compressAssets();
  return initialJavaScript();
}

/** Brotli and gzip copies beside each hashed asset, which the API serves to browsers that accept them. */
export function compressAssets() {
  const assets = path.join(webRoot, 'assets');
  for (const name of fs.readdirSync(assets)) {
    if (!/\.(js|css|svg|json|txt|map)$/.test(name)) continue; // images and fonts are compressed already
    const file = path.join(assets, name);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  }
}

/** The scripts index.html loads at once (module entry and modulepreloads), with their gzipped sizes. */
export function initialJavaScript() {
  const html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((match) => match[1]);
  if (sources.length === 0) throw new Error('the built index.html loads no script');
  const files = sources.map((source) => {
    const bytes = fs.readFileSync(path.join(webRoot, source.replace(/^\//, '')));
    return { source, bytes: bytes.length, gzipped: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  const gzipped = files.reduce((sum, file) => sum + file.gzipped, 0);
  return { files, gzipped, text: `Initial JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${initialJsBudgetBytes / 1024} KB)` };
}

/** Throws when the first visit's JavaScript is over budget. */
export function checkInitialJavaScript(size = initialJavaScript()) {
  if (size.gzipped > initialJsBudgetBytes) {
    throw new Error(`${size.text}: over budget. Largest: ${size.files.sort((a, b) => b.gzipped - a.gzipped).map((file) => `${file.source} ${(file.gzipped / 1024).toFixed(1)} KB`).join(', ')}`);
  }
  return size.text;
}
