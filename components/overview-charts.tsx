'use client';

import '@elastic/charts/dist/theme_only_light.css';
import { Axis, Chart, LIGHT_THEME, LineSeries, Position, ScaleType, Settings, timeFormatter } from '@elastic/charts';
import { EuiFlexGrid, EuiFlexItem, EuiPanel, EuiSpacer, EuiText, EuiTitle } from '@elastic/eui';
import type { OverviewPointDto, OverviewSeriesDto } from '@/lib/shared';

// The Overview page's charts (@elastic/charts). Loaded only in the browser (React.lazy inside
// ClientOnly): the library imports on the server but its <Chart> reads `window` while rendering,
// so it cannot be server-rendered; splitting it out also keeps it off the page's first bundle.

type NumericKey = { [K in keyof OverviewPointDto]: OverviewPointDto[K] extends number | null ? K : never }[keyof OverviewPointDto];

interface SeriesDef {
  readonly key: NumericKey;
  readonly name: string;
  /** Right-hand axis (a second unit on the same chart). */
  readonly secondary?: boolean;
}

interface ChartDef {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly secondaryUnit?: string;
  readonly series: readonly SeriesDef[];
  readonly description: string;
}

export const OVERVIEW_CHARTS: readonly ChartDef[] = [
  {
    id: 'throughput',
    title: 'Ingest throughput',
    unit: 'logs/s',
    description: 'Logs received on the ingest API and logs stored in Elasticsearch, per second.',
    series: [
      { key: 'receivedLogsPerSec', name: 'Received' },
      { key: 'indexedLogsPerSec', name: 'Indexed' },
    ],
  },
  {
    id: 'dlq',
    title: 'Dead letter queue',
    unit: 'entries',
    secondaryUnit: 'files',
    description: 'Entries waiting in the dead letter queue (signed, and rejected as unsignable) and its files.',
    series: [
      { key: 'dlqSignedEntries', name: 'Signed entries' },
      { key: 'dlqRejectedEntries', name: 'Rejected entries' },
      { key: 'dlqFiles', name: 'Files', secondary: true },
    ],
  },
  {
    id: 'errors',
    title: 'Error rates',
    unit: 'per second',
    description: 'Failed ingest requests, and logs that went to the dead letter queue, were refused (503) or could not be signed, per second.',
    series: [
      { key: 'failedRequestsPerSec', name: 'Failed requests' },
      { key: 'dlqLogsPerSec', name: 'Logs to the DLQ' },
      { key: 'failedLogsPerSec', name: 'Logs refused' },
      { key: 'rejectedLogsPerSec', name: 'Logs rejected' },
    ],
  },
];

const formatTime = timeFormatter('HH:mm:ss');
const formatNumber = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1));

/** The most recent non-null value of `key`, or null. */
function latest(points: readonly OverviewPointDto[], key: NumericKey): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = (points[i] as OverviewPointDto)[key];
    if (v !== null) return v;
  }
  return null;
}

function OverviewChart({ def, points, intervalSecs }: { def: ChartDef; points: readonly OverviewPointDto[]; intervalSecs: number }) {
  const drawn = def.series.map((s) => ({ ...s, data: points.filter((p) => p[s.key] !== null) }));
  const hasData = drawn.some((s) => s.data.length > 0);
  const main = def.series[0] as SeriesDef;
  const now = latest(points, main.key);
  const peak = drawn[0]?.data.reduce((m, p) => Math.max(m, p[main.key] ?? 0), 0) ?? 0;
  return (
    <EuiPanel hasBorder data-test-subj={`overviewChart-${def.id}`}>
      <EuiTitle size="xxs">
        <h3>{def.title}</h3>
      </EuiTitle>
      <EuiText size="xs" color="subdued">
        <p data-test-subj={`overviewChartLatest-${def.id}`}>
          {now === null ? 'No sample yet' : `${main.name}: ${formatNumber(now)} ${def.unit} in the latest sample, highest ${formatNumber(peak)}`}
        </p>
      </EuiText>
      <EuiSpacer size="s" />
      {hasData ? (
        <div data-test-subj={`overviewChartCanvas-${def.id}`}>
          <Chart size={{ height: 240 }}>
            <Settings baseTheme={LIGHT_THEME} showLegend legendPosition={Position.Bottom} legendSize={72} ariaLabel={def.title} ariaDescription={def.description} />
            <Axis id="time" position={Position.Bottom} tickFormat={formatTime} />
            <Axis id="value" groupId="main" position={Position.Left} title={def.unit} tickFormat={formatNumber} ticks={4} />
            {def.secondaryUnit !== undefined && <Axis id="secondary" groupId="secondary" position={Position.Right} title={def.secondaryUnit} tickFormat={formatNumber} ticks={4} />}
            {drawn.map((s) => (
              <LineSeries
                key={s.key}
                id={s.key}
                name={s.name}
                groupId={s.secondary === true ? 'secondary' : 'main'}
                data={s.data}
                xScaleType={ScaleType.Time}
                yScaleType={ScaleType.Linear}
                xAccessor="t"
                yAccessors={[s.key]}
              />
            ))}
          </Chart>
        </div>
      ) : (
        <EuiText size="s" color="subdued" textAlign="center" data-test-subj={`overviewChartEmpty-${def.id}`}>
          <p>Collecting data: Signet samples its metrics every {intervalSecs} s; rates need two samples.</p>
        </EuiText>
      )}
    </EuiPanel>
  );
}

/** Ingest throughput, DLQ growth and error rates over the kept window. */
export function OverviewCharts({ series }: { series: OverviewSeriesDto }) {
  return (
    <EuiFlexGrid columns={3} gutterSize="m" data-test-subj="overviewCharts">
      {OVERVIEW_CHARTS.map((def) => (
        <EuiFlexItem key={def.id}>
          <OverviewChart def={def} points={series.points} intervalSecs={series.intervalSecs} />
        </EuiFlexItem>
      ))}
    </EuiFlexGrid>
  );
}
