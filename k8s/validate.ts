// Validates every manifest in k8s/ offline (part of `npm run check`): each document against the
// Kubernetes OpenAPI schema of its apiVersion and kind (kubernetes-models; the Gateway API CRD
// schemas from @kubernetes-models/gateway-api), then our own deployment rules. Runs with Node's
// type stripping: `node k8s/validate.ts [files...]`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: Record<string, unknown>;
}

interface Container {
  name: string;
  image?: string;
  resources?: { requests?: unknown; limits?: unknown };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}

type ModelClass = new (data: unknown) => { validate(): void };

/** The model module of an apiVersion: core, built-in groups, or the Gateway API. */
async function modelsFor(apiVersion: string): Promise<Record<string, ModelClass>> {
  if (apiVersion.startsWith('gateway.networking.k8s.io/')) {
    return (await import(`@kubernetes-models/gateway-api/${apiVersion}`)) as Record<string, ModelClass>;
  }
  return (await import(`kubernetes-models/${apiVersion}`)) as Record<string, ModelClass>;
}

function podSpecOf(manifest: Manifest): { containers?: Container[] } | undefined {
  type PodTemplate = { template?: { spec?: { containers?: Container[] } } };
  const spec = manifest.spec as (PodTemplate & { jobTemplate?: { spec?: PodTemplate } }) | undefined;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

/** Our rules beyond the schema: what a hospital's cluster review would ask for. */
function houseRules(manifest: Manifest): string[] {
  const problems: string[] = [];
  if (manifest.kind === 'Ingress') {
    problems.push('Ingress is not used here (ingress-nginx is retired): route with a Gateway API HTTPRoute');
  }
  if (manifest.kind !== 'Namespace' && manifest.metadata?.namespace !== 'healthcare') {
    problems.push('metadata.namespace must be healthcare');
  }
  for (const container of podSpecOf(manifest)?.containers ?? []) {
    const where = `container ${container.name}`;
    if (!/@sha256:[0-9a-f]{64}$/.test(container.image ?? '')) {
      problems.push(`${where}: image must be pinned by digest (name@sha256:…)`);
    }
    if (!container.resources?.requests || !container.resources.limits) {
      problems.push(`${where}: resources.requests and resources.limits are required`);
    }
    if (container.securityContext?.readOnlyRootFilesystem !== true) {
      problems.push(`${where}: securityContext.readOnlyRootFilesystem must be true`);
    }
    if (container.securityContext?.allowPrivilegeEscalation !== false) {
      problems.push(`${where}: securityContext.allowPrivilegeEscalation must be false`);
    }
    if (manifest.kind === 'Deployment' && (!container.readinessProbe || !container.livenessProbe)) {
      problems.push(`${where}: readiness and liveness probes are required`);
    }
  }
  return problems;
}

/** Every problem of one YAML file, as `file: kind/name: problem` lines. */
export async function validateFile(file: string): Promise<{ problems: string[]; kinds: string[] }> {
  const problems: string[] = [];
  const kinds: string[] = [];
  const name = file.split('/').at(-1);
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (document.errors.length > 0) {
      problems.push(`${name}: YAML: ${document.errors[0]!.message}`);
      continue;
    }
    const manifest = document.toJSON() as Manifest | null;
    if (!manifest) {
      continue;
    }
    const label = `${name}: ${manifest.kind ?? '?'}/${manifest.metadata?.name ?? '?'}`;
    if (!manifest.apiVersion || !manifest.kind) {
      problems.push(`${label}: apiVersion and kind are required`);
      continue;
    }
    kinds.push(`${manifest.apiVersion}/${manifest.kind}`);
    let Model: ModelClass | undefined;
    try {
      Model = (await modelsFor(manifest.apiVersion))[manifest.kind];
    } catch {
      Model = undefined;
    }
    if (!Model) {
      problems.push(`${label}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
      continue;
    }
    try {
      new Model(manifest).validate();
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message.replace(/\s+/g, ' ')}`);
    }
    problems.push(...houseRules(manifest).map((problem) => `${label}: ${problem}`));
  }
  return { problems, kinds };
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files =
    process.argv.length > 2
      ? process.argv.slice(2)
      : readdirSync(here)
          .filter((file) => file.endsWith('.yaml'))
          .map((file) => join(here, file));
  let failed = false;
  const seen = new Set<string>();
  for (const file of files) {
    const { problems, kinds } = await validateFile(file);
    kinds.forEach((kind) => seen.add(kind));
    for (const problem of problems) {
      console.error(problem);
      failed = true;
    }
  }
  if (failed) {
    process.exitCode = 1;
  } else {
    console.log(`k8s: ${files.length} files valid (${[...seen].sort().join(', ')})`);
  }
}
