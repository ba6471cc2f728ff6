import "server-only";
import { AppError } from "../errors";
import { HistoryWriter, type HistoryOptions } from "./history";
import { HistoryReader } from "./history-query";
import { TotalsWriter } from "./totals";
import { currentStore } from "./index";
import type { Store } from "./store";

/**
 * The store's time series (long history and daily totals): their writers join the store's poll
 * transaction at boot, before any collector polls; routes read through the same objects, which
 * hold what is not written yet. On globalThis, like the store, since Next may load this per bundle.
 */
export type Series = { history: HistoryWriter; reader: HistoryReader; totals: TotalsWriter };

const KEY = Symbol.for("agent-deck.store.series");
type Holder = { [KEY]?: { store: Store; series: Series } };

export function installSeries(store: Store, options: HistoryOptions): Series {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  if (current?.store === store) return current.series;
  const history = new HistoryWriter(store.db, options);
  const totals = new TotalsWriter(store.db, options.historyDays);
  store.addWriter(history);
  store.addWriter(totals);
  const series = { history, reader: new HistoryReader(store.db, history), totals };
  holder[KEY] = { store, series };
  return series;
}

/** The series of the store boot opened; undefined before boot or after the store closed. */
export function seriesOf(store: Store | undefined): Series | undefined {
  const current = (globalThis as Holder)[KEY];
  return store !== undefined && current?.store === store ? current.series : undefined;
}

/** For routes: the series, which boot always installs before the first request. */
export function requireSeries(): Series {
  const series = seriesOf(currentStore());
  if (!series) throw new AppError("internal_error", "The dashboard's store is not open");
  return series;
}
