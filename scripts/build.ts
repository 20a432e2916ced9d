/** `npm run build`: next build plus the standalone layout (scripts/lib/build.ts). */
import { runBuild } from './lib/build';

runBuild();
