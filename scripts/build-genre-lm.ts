/**
 * Count the genre documents of data/lm/genre/ into data/lm/genre.bin.gz, which the shipped model
 * adds to data/lm/base.bin.gz at load (src/restore/index.ts, loadBaseCounts):
 *
 *   node --import tsx scripts/build-genre-lm.ts
 *
 * Run it after changing a document there: tests/restore/genre.test.ts fails while the counts
 * are stale. Unlike scripts/build-lm.ts it needs no Debian package.
 */
import { writeFileSync } from 'node:fs';
import { countGenre, GENRE_LM_FILE } from '../src/restore/corpus.ts';

const counts = countGenre();
writeFileSync(GENRE_LM_FILE, counts.serialize());
console.log(`${GENRE_LM_FILE}: ${counts.sources.length} documents, ${counts.tokens} tokens`);
