import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Same alias as tsconfig.json `paths`: the web app compiles the shared contracts from source.
const contracts = fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url));
const processLint = fileURLToPath(new URL('../../libs/process-lint/src/index.ts', import.meta.url));
// Where `vite` (dev) and `vite preview` send /api; the API's default port unless API_URL says otherwise.
const apiUrl = process.env.API_URL ?? 'http://localhost:3000';

const AREAS = ['portal', 'counter', 'inbox', 'designer', 'admin', 'analytics'];
/**
 * The one allowed overlap: the counter fills in the citizen's application with the portal's own
 * application editor (R15, online and counter as one), so it may load that code.
 */
const MAY_LOAD: Record<string, string[]> = { counter: ['portal'] };
const areaOf = (moduleId: string): string | undefined => /\/src\/features\/([^/]+)\//.exec(moduleId.replaceAll('\\', '/'))?.[1];

/**
 * Fails the build when code splitting by area is broken: the entry must hold no area's code
 * (only the public home), and loading one area's page must not pull in another area's modules.
 */
function areaSplitGuard(): Plugin {
  return {
    name: 'gov:area-split-guard',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { imports: string[]; moduleIds: string[]; isEntry: boolean; facade: string | null }>();
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type === 'chunk') chunks.set(fileName, { imports: output.imports, moduleIds: output.moduleIds, isEntry: output.isEntry, facade: output.facadeModuleId });
      }
      const closure = (start: string): Set<string> => {
        const seen = new Set<string>();
        const visit = (name: string) => {
          if (seen.has(name)) return;
          seen.add(name);
          chunks.get(name)?.imports.forEach(visit);
        };
        visit(start);
        return seen;
      };
      const areasIn = (files: Set<string>) =>
        new Set([...files].flatMap((file) => chunks.get(file)?.moduleIds.map(areaOf).filter((area) => area !== undefined && AREAS.includes(area)) ?? []));

      for (const [fileName, chunk] of chunks) {
        const loaded = areasIn(closure(fileName));
        if (chunk.isEntry && loaded.size > 0) {
          this.error(`The entry chunk ${fileName} contains area code (${[...loaded].join(', ')}); areas must be lazy routes.`);
        }
        const own = chunk.facade ? areaOf(chunk.facade) : undefined;
        if (own && AREAS.includes(own)) {
          const allowed = MAY_LOAD[own] ?? [];
          const foreign = [...loaded].filter((area) => area !== own && !allowed.includes(area ?? ''));
          if (foreign.length > 0) this.error(`Loading the ${own} area (${fileName}) also loads ${foreign.join(', ')} code.`);
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), areaSplitGuard()],
  resolve: {
    alias: { '@gov/contracts': contracts, '@gov/process-lint': processLint },
    // One Preact for every bpmn.io part: form-js-editor 1.23 pins its own (10.15) while the form-js viewer
    // and properties panel it renders use the hoisted one; hooks across two copies render nothing.
    dedupe: ['preact'],
  },
  server: {
    port: 5173,
    // In development the API runs on its own port; in production it serves this app on the same origin.
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  preview: { proxy: { '/api': { target: apiUrl, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Areas are split by the lazy routes in src/app/router.tsx. React and antd go to their
        // own long-lived chunks so that a change in one area does not invalidate them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'antd', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs|@emotion)[\\/]/ },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 1000,
  },
});
