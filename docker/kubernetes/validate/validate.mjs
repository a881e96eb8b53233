// Validates every manifest in docker/kubernetes against the Kubernetes API schemas shipped by
// kubernetes-models. Exits non-zero on the first invalid object, printing why.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';

const models = { ConfigMap, Secret, Service, Deployment };
const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
let checked = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')) {
  for (const doc of yaml.loadAll(readFileSync(join(dir, file), 'utf8'))) {
    const Model = models[doc.kind];
    if (!Model) {
      console.error(`${file}: no schema for kind ${doc.kind}`);
      process.exit(1);
    }
    try {
      new Model(doc).validate();
    } catch (e) {
      console.error(`${file}: ${doc.kind} ${doc.metadata?.name} is invalid: ${e.message}`);
      process.exit(1);
    }
    checked++;
  }
}
console.log(`${checked} manifests valid`);
