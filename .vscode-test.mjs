// @vscode/test-cli configuration for machines that can download VS Code (a laptop, hosted CI):
// `npm run build && npx vscode-test` runs the same mocha suite that test/integration/run.mjs runs here
// inside code-server. Needs internet; this machine has none (see ../shared/recipes/vscode-client.md).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/suite/*.test.js',
  workspaceFolder: './test/fixtures/integration',
  version: 'stable',
  mocha: { ui: 'bdd', timeout: 60_000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: { ORT_DISABLE_TELEMETRY: '1' },
});
