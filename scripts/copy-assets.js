// `npm run build`: tsc compiles the TypeScript; this copies the data files it does not
// (the policy YAML, each process's BPMN diagram in workflows/<process>/).
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
function copyTree(rel, ext) {
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) copyTree(child, ext);
    else if (entry.name.endsWith(ext)) {
      fs.mkdirSync(path.join(root, 'dist', rel), { recursive: true });
      fs.copyFileSync(path.join(root, child), path.join(root, 'dist', child));
    }
  }
}
copyTree('domain/policy', '.yaml');
copyTree('workflows', '.bpmn');
