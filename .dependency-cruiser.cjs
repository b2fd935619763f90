/**
 * The boundaries of the code, checked by `npm test` (docs/architecture.md):
 * - capability modules (`src/modules/<capability>/`) depend on each other in one direction only;
 * - the shared layers (`web/`, `domain/`, `db/`, `reference/`) import no module;
 * - the domain is plain functions: no I/O, no database, no web;
 * - a module's tables (its `*-schema.ts`) are queried only by the module itself;
 * - SQL is written only in data-access files (`*-repository.ts`, `*-queries.ts`, `src/db/`).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles-between-modules',
      comment:
        'Modules depend on each other in one direction: a module that must act on another’s change reacts to its event.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+' },
      to: { circular: true },
    },
    {
      name: 'shared-layers-import-no-module',
      comment:
        'The shared layers are below every module: the composition root (src/*.ts) gives them what they need.',
      severity: 'error',
      from: { path: '^src/(web|domain|db|reference)/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'domain-does-no-io',
      comment:
        'The domain is plain functions of their arguments: it reads no file, database, network or web request.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/(domain|reference)/', '(^|/)node_modules/zod/'],
      },
    },
    {
      name: 'module-tables-queried-only-by-their-module',
      comment:
        'A module owns the tables of its schema file: another module reads them only through the functions the owner publishes.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '-schema[.]ts$' },
      to: { path: '^src/modules/[^/]+/[^/]+-schema[.]ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'sql-only-in-data-access',
      comment:
        'Queries are written only in data-access files (*-repository.ts, *-queries.ts) and the database layer.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['-(repository|queries|schema)[.]ts$', '^src/db/'] },
      to: {
        path: ['(^|/)node_modules/drizzle-orm/', '(^src/db/schema|-schema)[.]ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    // Test files and their helpers may reach anywhere; the boundaries are the product's.
    exclude: { path: ['[.]test[.]ts$', '^src/testing/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
