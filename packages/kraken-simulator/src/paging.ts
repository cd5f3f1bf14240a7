// Kraken's history paging (Ledgers, TradesHistory, ClosedOrders): newest first, `ofs` offset, `start` exclusive and
// `end` inclusive as unix time or record id, and `count` of all matches unless `without_count`.
import { compareKrakenTimes } from '../../../src-shared/kraken-time';
import { KrakenError } from './kraken-error';
import { isTrue, type Params } from './request-params';

export interface PageSource<T> {
  /** Every record, oldest first. */
  all: readonly T[];
  matches: (record: T) => boolean;
  /** Seconds as Kraken writes them. */
  timeOf: (record: T) => string;
  positionOf: (id: string) => number | undefined;
  pageSize: number;
}

export interface Page<T> {
  records: T[];
  count?: number;
}

const TIME = /^\d+(\.\d+)?$/;

export function pageNewestFirst<T>(params: Params, source: PageSource<T>): Page<T> {
  const after = bound(params.start, source, 'start');
  const upTo = bound(params.end, source, 'end');
  const ofs = params.ofs === undefined ? 0 : Number(params.ofs);
  if (!Number.isInteger(ofs) || ofs < 0) throw new KrakenError('EGeneral:Invalid arguments:ofs');
  const selected: T[] = [];
  source.all.forEach((record, position) => {
    if (!source.matches(record)) return;
    if (after && !after(record, position, true)) return;
    if (upTo && !upTo(record, position, false)) return;
    selected.push(record);
  });
  selected.reverse();
  const records = selected.slice(ofs, ofs + source.pageSize);
  return isTrue(params.without_count) ? { records } : { records, count: selected.length };
}

type Bound<T> = (record: T, position: number, exclusive: boolean) => boolean;

function bound<T>(value: string | undefined, source: PageSource<T>, name: string): Bound<T> | undefined {
  if (value === undefined || value === '') return undefined;
  if (TIME.test(value)) {
    return (record, _position, exclusive) => {
      const order = compareKrakenTimes(source.timeOf(record), value);
      return exclusive ? order > 0 : order <= 0;
    };
  }
  const limit = source.positionOf(value);
  if (limit === undefined) throw new KrakenError(`EGeneral:Invalid arguments:${name}`);
  return (_record, position, exclusive) => (exclusive ? position > limit : position <= limit);
}
