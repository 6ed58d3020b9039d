import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  LANGUAGES, SUPPORTED_LANGUAGES, URI_SCHEMES, activationEvents, documentSelector, languageById, languageOfFile, workspaceGlob,
} from '../../../src/text/languages';
import { proseRegions } from '../../../src/text/regions';
import { languageOf } from '../../../src/cli/inputs';
import { render } from './render';

const root = resolve(__dirname, '../../../..');
const fixtures = resolve(root, 'test/fixtures/text/languages');

test('languages: ids unique; each has a name and an extension or file name; extensions unique and lower case', () => {
  assert.equal(new Set(SUPPORTED_LANGUAGES).size, LANGUAGES.length);
  const seen = new Map<string, string>();
  for (const l of LANGUAGES) {
    assert.ok(l.name.length > 0, l.id);
    assert.ok(l.extensions.length + l.fileNames.length > 0, `${l.id} has no file mapping`);
    for (const e of l.extensions) {
      assert.match(e, /^\.[a-z0-9+]+$/, `${l.id}: ${e}`);
      assert.equal(seen.get(e), undefined, `${e} claimed by ${seen.get(e)} and ${l.id}`);
      seen.set(e, l.id);
    }
  }
});

test('languages: every language has a parser that runs', () => {
  for (const l of LANGUAGES) assert.deepEqual(proseRegions('', l.id), [], l.id);
  assert.throws(() => proseRegions('x', 'klingon'), /unsupported language 'klingon'/);
});

test('languages: every language has a fixture whose prose is as expected (in LF, CRLF and CR)', () => {
  const expected = JSON.parse(readFileSync(resolve(fixtures, 'expected.json'), 'utf8')) as Record<string, string[]>;
  const covered = new Set<string>();
  for (const file of readdirSync(fixtures).filter((f) => f !== 'expected.json')) {
    const language = languageOfFile(file);
    assert.ok(language !== undefined, `fixture ${file} maps to no language`);
    assert.ok(file in expected, `expected.json has no entry for ${file}`);
    const text = readFileSync(resolve(fixtures, file), 'utf8');
    for (const eol of ['\n', '\r\n', '\r']) {
      const t = text.replace(/\n/g, eol);
      assert.deepEqual(render(t, proseRegions(t, language.id)).map((s) => s.split(eol).join('\n')), expected[file], `${file} (${JSON.stringify(eol)})`);
    }
    covered.add(language.id);
  }
  assert.deepEqual(SUPPORTED_LANGUAGES.filter((id) => !covered.has(id)), [], 'languages without a fixture');
});

test('languages: package.json activates on exactly the table', () => {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { activationEvents: string[] };
  assert.deepEqual(pkg.activationEvents, activationEvents());
});

test('languages: the documentation formats VS Code may not know are contributed with the table\'s ids and extensions', () => {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as
    { contributes: { languages: { id: string; aliases: string[]; extensions: string[] }[] } };
  for (const contributed of pkg.contributes.languages) {
    const language = languageById(contributed.id);
    assert.ok(language !== undefined, `package.json contributes '${contributed.id}', which the table lacks`);
    assert.deepEqual(contributed.extensions, language.extensions, contributed.id);
    assert.equal(contributed.aliases[0], language.name, contributed.id);
  }
});

test('languages: the document selector covers every language in file, untitled and vscode-userdata documents', () => {
  const selector = documentSelector();
  assert.ok(URI_SCHEMES.includes('vscode-userdata'));
  for (const id of SUPPORTED_LANGUAGES) {
    for (const scheme of URI_SCHEMES) assert.ok(selector.some((f) => f.language === id && f.scheme === scheme), `${id} ${scheme}`);
  }
});

test('languages: the workspace glob names every extension and file name', () => {
  const glob = workspaceGlob();
  assert.match(glob, /^\*\*\/\{.*\}$/);
  const names = new Set(glob.slice(4, -1).split(','));
  for (const l of LANGUAGES) {
    for (const e of l.extensions) assert.ok(names.has(`*${e}`), e);
    for (const n of l.fileNames) assert.ok(names.has(n), n);
  }
});

test('languages: file names map by whole name first, then by extension in any case', () => {
  assert.equal(languageOfFile('docs/guide.RST')?.id, 'restructuredtext');
  assert.equal(languageOfFile('a\\b\\index.adoc')?.id, 'asciidoc');
  assert.equal(languageOfFile('page.mdx')?.id, 'mdx');
  assert.equal(languageOfFile('tsconfig.json')?.id, 'jsonc');
  assert.equal(languageOfFile('.git/COMMIT_EDITMSG')?.id, 'git-commit');
  assert.equal(languageOfFile('Dockerfile')?.id, 'dockerfile');
  assert.equal(languageOfFile('notes'), undefined);
  assert.equal(languageOfFile('.bashrc')?.id, 'shellscript');
  assert.equal(languageById('mdx')?.name, 'MDX');
});

test('languages: the CLI reads YAML, TOML and JSON by their comments, not their keys as prose', () => {
  const yaml = 'webb: 1\nenviroment: production  # The deploy target.\n';
  assert.equal(languageOf('app.yaml'), 'yaml');
  assert.deepEqual(render(yaml, proseRegions(yaml, languageOf('app.yaml'))), ['The deploy target.']);
  assert.deepEqual(render(yaml, proseRegions(yaml, languageOf('app.yml'))), ['The deploy target.']);
  const toml = '[webb]\nenviroment = "x" # A comment.\n';
  assert.deepEqual(render(toml, proseRegions(toml, languageOf('Cargo.toml'))), ['A comment.']);
  const json = '{ "enviroment": "webb" }\n';
  assert.deepEqual(proseRegions(json, languageOf('data.json')), []);
  assert.equal(languageOf('docs/guide.rst'), 'restructuredtext');
  assert.equal(languageOf('README'), 'plaintext');
});

test('languages: the table is a leaf and the extension bundle carries no parser', () => {
  const source = readFileSync(resolve(root, 'src/text/languages.ts'), 'utf8');
  assert.doesNotMatch(source, /^\s*import\b|\brequire\(/m);
  const bundle = resolve(root, 'dist/extension.js');
  assert.ok(existsSync(bundle), 'dist/extension.js is missing: run `npm run build` first');
  const js = readFileSync(bundle, 'utf8');
  for (const parser of ['markdownRegions', 'latexRegions', 'lexComments', 'rstRegions', 'asciidocRegions', 'mdxRegions']) {
    assert.ok(!js.includes(parser), `the extension bundle includes ${parser}`);
  }
});
