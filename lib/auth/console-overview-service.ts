import type { OverviewDto } from '../shared';

/** What the console's Overview page may do: read health, the metrics history and the alerts. */
export interface ConsoleOverviewService {
  describe(): Promise<OverviewDto>;
}
