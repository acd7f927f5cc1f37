export * from './server.js';
export { PUBLIC_DIR } from './paths.js';
export { SEED_TEXT, type SeedText } from './content/seed-text.js';
