/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles-between-modules',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+' },
      to: { circular: true },
    },
    {
      name: 'shared-layers-import-no-module',
      severity: 'error',
      from: { path: '^src/(web|domain)/', pathNot: '[.]test[.]ts$' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '[.]test[.]ts$' },
      to: { dependencyTypes: ['core', 'npm'], pathNot: '^(zod|date-holidays)$' },
    },
    {
      name: 'sql-only-in-data-access',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['-(repository|queries)[.]ts$', '^src/db/', '^src/testing/', '[.]test[.]ts$'],
      },
      to: { path: ['^node_modules/drizzle-orm/', '(^src/db/schema|-schema)[.]ts$'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    exclude: { path: ['[.]test[.]ts$', '^src/testing/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
