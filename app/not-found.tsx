import type { Metadata } from 'next';
import { NotFoundPrompt } from '@/components/not-found-prompt';

// `absolute`: the root layout's title template does not apply in the root segment.
export const metadata: Metadata = { title: { absolute: 'Page not found · Signet' } };

/** Rendered for unmatched URLs and `notFound()` calls; Next answers with status 404. */
export default function NotFound() {
  return <NotFoundPrompt />;
}
