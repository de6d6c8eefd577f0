import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const base = process.env.BENCH_DOCS_DIR;
if (!base) throw new Error('BENCH_DOCS_DIR is not set (run through `npm run bench -- --docs N`)');

// Every generated repo's docs/**.md; the id is the path without `.md`, e.g. `repo-001/docs/guides/x`.
const docs = defineCollection({
  loader: glob({ base, pattern: '*/docs/**/*.md', generateId: ({ entry }) => entry.replace(/\.md$/, '') }),
  schema: z.object({ title: z.string(), description: z.string().optional() }),
});

export const collections = { docs };
