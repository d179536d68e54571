/**
 * Tells next-auth v4 the console's public URL. next-auth reads its own origin ONLY from
 * `process.env.NEXTAUTH_URL` (utils/detect-origin.js; there is no option), and this module is
 * the one place allowed to touch the environment, so the composition root calls this once at
 * start-up with the validated `web_server.public_url`.
 */
export function setNextAuthUrl(publicUrl: string, env: NodeJS.ProcessEnv = process.env): void {
  env.NEXTAUTH_URL = publicUrl;
}
