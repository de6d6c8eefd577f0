import { indexGraph, isGraphFile, type GraphIndex } from '../../plugins/graph/index.ts';

const loading = new Map<string, Promise<GraphIndex>>();

/** Fetches and indexes a graph file once per page, however many diagrams ask; a failure is retried next time. */
export function loadGraphIndex(url: string): Promise<GraphIndex> {
  let pending = loading.get(url);
  if (!pending) {
    pending = fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`the graph file answered ${response.status}`);
        const file: unknown = await response.json();
        if (!isGraphFile(file)) throw new Error('the graph file is not in the expected format');
        return indexGraph(file);
      })
      .catch((error: unknown) => {
        loading.delete(url);
        throw error;
      });
    loading.set(url, pending);
  }
  return pending;
}
