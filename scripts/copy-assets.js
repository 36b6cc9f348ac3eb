// `npm run build`: tsc compiles the TypeScript; this copies the data files it does not (policy YAML).
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
for (const rel of ['domain/policy']) {
  for (const f of fs.readdirSync(path.join(root, rel)).filter((n) => n.endsWith('.yaml'))) {
    fs.mkdirSync(path.join(root, 'dist', rel), { recursive: true });
    fs.copyFileSync(path.join(root, rel, f), path.join(root, 'dist', rel, f));
  }
}
