// @rtk-query/codegen-openapi: generates src/api/generated/recargaApi.ts from the REST contract (api/openapi.yaml).
// Run `npm run codegen`; never edit the output by hand. Adjustments (auth header, tags) live in src/api/enhanced.
module.exports = {
  schemaFile: '../api/openapi.yaml',
  apiFile: './src/api/enhanced/baseApi.ts',
  apiImport: 'baseApi',
  outputFile: './src/api/generated/recargaApi.ts',
  exportName: 'recargaApi',
  hooks: true,
  tag: true,
};
