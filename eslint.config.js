// Lint rules for both packages (the library and cli/): typescript-eslint's strict, type-checked
// set, with formatting left to prettier. Each file is checked with its package's tsconfig.json.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.bench-build/',
      'coverage/',
      'out/',
      'test/.examples/',
      'cli/dist/',
      'cli/test/.examples/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness is a value: pass a key.' },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Kernels index typed arrays in hot loops with indices proven in range by the loop bounds:
    // the linalg kernels, the compiled plan's loops, the training engine, its threads, and the
    // gradient transformations' flat (in-place) steps.
    files: [
      'src/linalg/kernels/**/*.ts',
      'src/network/compiled/**/*.ts',
      'src/train/compiled-epochs.ts',
      'src/train/measure.ts',
      'src/train/parallel/**/*.ts',
      'src/train/transforms/*.ts',
    ],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
)
