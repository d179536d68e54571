// The only entry into server code for app/ (house style §2.2). 'server-only' makes a client
// import of this file a build error.
import 'server-only';
export { getServices, NOT_SERVING, type HttpAnswer, type SignetServices } from './services';
export { toWebResponse, ingestFromWebRequest } from './http';
export {
  withConsoleAuth,
  CONSOLE_ROUTES,
  getConsoleContext,
  requireConsoleDlq,
  requireConsoleService,
  runAudited,
  getAuthOptions,
  getConsoleUser,
  safeCallbackPath,
  endSessionUrl,
  clearSessionCookies,
  parseCookieHeader,
  jsonResponse,
  type ConsoleUser,
} from './auth';
export { ConsoleChainsError } from './auth';
