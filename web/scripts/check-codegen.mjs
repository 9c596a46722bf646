// Fails when src/api/generated is not what `npm run codegen` makes of api/openapi.yaml today: regenerates into a
// sibling directory (same relative imports) and compares file by file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = createRequire(import.meta.url)(join(web, 'openapi-config.cjs'));
const committed = resolve(web, config.outputFile);
const checkDir = join(web, 'src', 'api', '.codegen-check');
const fresh = join(checkDir, 'recargaApi.ts');
const tmpConfig = join(web, '.codegen-check.cjs');
rmSync(checkDir, { recursive: true, force: true });
mkdirSync(checkDir, { recursive: true });
try {
  writeFileSync(
    tmpConfig,
    `module.exports = ${JSON.stringify({ ...config, outputFile: './src/api/.codegen-check/recargaApi.ts' })};\n`,
  );
  execFileSync(join(web, 'node_modules', '.bin', 'rtk-query-codegen-openapi'), [tmpConfig], { cwd: web, stdio: 'pipe' });
  const generatedFiles = readdirSync(dirname(committed));
  if (generatedFiles.length !== 1) throw new Error(`unexpected files in ${dirname(committed)}: ${generatedFiles.join(', ')}`);
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} is out of date with api/openapi.yaml: run \`npm run codegen\` in web/ and commit the result`);
    process.exitCode = 1;
  } else {
    console.log('generated API client is up to date with api/openapi.yaml');
  }
} finally {
  rmSync(checkDir, { recursive: true, force: true });
  rmSync(tmpConfig, { force: true });
}
