// The console's pages (SPEC §11), in navigation order: the side navigation, the page titles and
// bench:console's list of pages to measure.

export interface ConsolePageDef {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly icon: string;
  readonly description: string;
}

export const CONSOLE_PAGES: readonly ConsolePageDef[] = [
  { id: 'overview', title: 'Overview', path: '/', icon: 'home', description: 'Health, throughput and alerts.' },
  { id: 'blockchains', title: 'Blockchains', path: '/blockchains', icon: 'link', description: 'Every blockchain with its head iteration, last hash, data streams and recent logs.' },
  { id: 'dlq', title: 'Dead letter queue', path: '/dead-letter-queue', icon: 'archive', description: 'DLQ files and entries with the Elasticsearch error of each, and the recover and archive actions.' },
  { id: 'verification', title: 'Verification', path: '/verification', icon: 'checkCircle', description: 'Verification runs with progress, the report history and each report.' },
  { id: 'corruptions', title: 'Corruptions', path: '/corruptions', icon: 'error', description: 'Open and acknowledged corruptions; acknowledge one or a time range.' },
  { id: 'configuration', title: 'Configuration', path: '/configuration', icon: 'gear', description: 'The signed fields and the retention policies.' },
  { id: 'audit', title: 'Audit log', path: '/audit-log', icon: 'list', description: 'Every console action, login and verification run.' },
];
