// Reads a newest-first history (Ledgers, TradesHistory) page by page. The first page's newest id becomes a fixed
// `end` bound, so entries that arrive while paging cannot shift the offsets; ids are deduplicated all the same.

export interface HistoryPage<T> {
  items: T[];
  /** Kraken's count of all matching records, when it sent one. */
  count?: number;
}

export interface PageRequest {
  /** The newest id of the first page (inclusive bound); absent for the first page. */
  end?: string;
  ofs: number;
}

export interface PagingProgress {
  pages: number;
  items: number;
  /** Records the history holds in the range, per Kraken's count. */
  total?: number;
}

export interface PagingOptions {
  /** Stop before this id (the last record already known), whether or not Kraken honoured `start`. */
  stopAtId?: string;
  onPage?: (progress: PagingProgress) => void;
}

export async function collectNewestFirst<T extends { id: string }>(
  fetchPage: (request: PageRequest) => Promise<HistoryPage<T>>,
  options: PagingOptions = {},
): Promise<T[]> {
  const seen = new Set<string>();
  const collected: T[] = [];
  let end: string | undefined;
  let ofs = 0;
  let pages = 0;
  for (;;) {
    const page = await fetchPage(end === undefined ? { ofs } : { end, ofs });
    pages += 1;
    end ??= page.items[0]?.id;
    let fresh = 0;
    let reachedKnown = false;
    for (const item of page.items) {
      if (item.id === options.stopAtId) {
        reachedKnown = true;
        break;
      }
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      collected.push(item);
      fresh += 1;
    }
    ofs += page.items.length;
    options.onPage?.({ pages, items: collected.length, total: page.count });
    const exhausted = page.items.length === 0 || (page.count !== undefined && ofs >= page.count);
    // a page of nothing new means the server is not paging as documented: stop rather than loop
    if (reachedKnown || exhausted || fresh === 0) return collected;
  }
}
