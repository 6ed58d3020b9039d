// The settings' defaults come from src/engine/defaults.ts: package.json (what VS Code's settings editor
// shows) and the CLI's flags must agree with it (config.ts and the engine read it directly); the heat map's
// colours come from src/core/heatSteps.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseCliArgs, USAGE } from '../../src/cli/args';
import { HEAT_STEPS } from '../../src/core/heatSteps';
import { MAX_SUGGESTIONS, SETTING_DEFAULTS } from '../../src/engine/defaults';
import { DIALECTS } from '../../src/engine/dialects';
import { repoRoot } from './engine/runtimeFixtures';

const PREFIX = 'electricProofreader.';

test('package.json declares exactly the settings of defaults.ts, with the same defaults', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const props: Record<string, { default: unknown }> = pkg.contributes.configuration.properties;
  const declared = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.slice(PREFIX.length), v.default]));
  assert.deepEqual(declared, SETTING_DEFAULTS);
});

test('package.json declares exactly the heat map\'s colours, in its steps\' order', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.colors.map((c: { id: string }) => c.id), HEAT_STEPS.map((s) => s.color));
});

test('the CLI defaults to the same sensitivity, provider and suggestions, and says so in --help', () => {
  const o = parseCliArgs(['file.md']);
  assert.equal(o.sensitivity, SETTING_DEFAULTS.sensitivity);
  assert.equal(o.provider, SETTING_DEFAULTS.executionProvider);
  assert.equal(o.maxSuggestions, MAX_SUGGESTIONS);
  assert.match(USAGE, new RegExp(`higher flags more \\(default ${SETTING_DEFAULTS.sensitivity}\\)`));
});

test('the dialect setting: declared with the engine\'s dialects as its enum, each described, resource scope; the CLI\'s --dialect agrees', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const dialect = pkg.contributes.configuration.properties[`${PREFIX}dialect`];
  assert.equal(dialect.type, 'string');
  assert.deepEqual(dialect.enum, [...DIALECTS]);
  assert.equal(dialect.default, 'en-US');
  assert.equal(dialect.scope, 'resource');
  assert.equal(dialect.enumDescriptions.length, DIALECTS.length);
  assert.match(dialect.markdownDescription, /en-GB/);
  assert.equal(parseCliArgs(['file.md']).dialect, SETTING_DEFAULTS.dialect);
  assert.equal(parseCliArgs(['--dialect', 'en-GB', 'file.md']).dialect, 'en-GB');
  for (const d of DIALECTS) assert.equal(parseCliArgs(['--dialect', d, 'file.md']).dialect, d);
  assert.throws(() => parseCliArgs(['--dialect', 'british', 'file.md']), /--dialect must be en-US, en-GB, en-CA or en-AU \(got 'british'\)/);
  assert.throws(() => parseCliArgs(['--dialect', 'en-gb', 'file.md']), /--dialect must be/, 'spelled as the setting spells it');
  assert.match(USAGE, new RegExp(`--dialect ${DIALECTS.join('\\|')}\\s[^]*?\\(default ${SETTING_DEFAULTS.dialect};`));
});
