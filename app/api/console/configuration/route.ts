import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { configurationQuerySchema, type ConfigurationDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** The signed fields (file, version, list in force) and the retention policies (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.configurationGet, configurationQuerySchema, async ({ ctx }): Promise<ConfigurationDto> => requireConsoleService(ctx, 'configuration').get());
