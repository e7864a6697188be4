/**
 * The naming rules of data/codes/naming.json as segment reads them; they live in the knowledge
 * layer (src/knowledge/naming.ts), shared with recasing and extract.
 */
import { naming as readNaming, type Naming } from '../knowledge/naming.ts';

export type { Naming };
export { LOCALITY_BY_FOLD, TITLES_UPPER } from '../knowledge/naming.ts';
export const naming: Naming = readNaming();
