// Bundles the UI into dist/ (app.js, app.css, index.html). The server copies dist/ to its output folder
// as wwwroot/; see src/Groundwork/Groundwork.csproj. `node build.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const outdir = new URL('./dist/', import.meta.url).pathname;

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await copyFile(new URL('./src/index.html', import.meta.url), outdir + 'index.html');

const options = {
  entryPoints: { app: 'src/main.tsx' },
  bundle: true,
  minify: !watch,
  sourcemap: 'linked',
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.css': 'css' },
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('watching web/src ...');
} else {
  const result = await esbuild.build(options);
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([name]) => !name.endsWith('.map'))
    .map(([name, o]) => `${name.split('/').pop()} ${(o.bytes / 1024).toFixed(0)} KB`);
  console.log('web ui: ' + sizes.join(', '));
}
