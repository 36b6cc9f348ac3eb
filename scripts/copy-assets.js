// `npm run build`: tsc compiles the TypeScript; this copies the data files it does not
// (the policy YAML, the BPMN diagrams the app shows).
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
for (const [rel, ext] of [
  ['domain/policy', '.yaml'],
  ['workflows', '.bpmn'],
]) {
  for (const f of fs.readdirSync(path.join(root, rel)).filter((n) => n.endsWith(ext))) {
    fs.mkdirSync(path.join(root, 'dist', rel), { recursive: true });
    fs.copyFileSync(path.join(root, rel, f), path.join(root, 'dist', rel, f));
  }
}
