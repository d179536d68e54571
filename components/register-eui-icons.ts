// Pre-registers the EUI icons the console renders, so that they are part of the server-rendered
// HTML. EuiIcon otherwise loads each icon with a dynamic import after mount, and the server output
// holds an empty <svg> until then (stack-notes gotcha 7).
//
// The `es/` paths are deliberate: they are the copies Next's bundles use for `@elastic/eui`, so
// this fills the same icon cache that EuiIcon reads. Names follow EUI's icon map (`logOut`, not
// `exit`). Add an icon here when a page starts using it above the fold.
import { appendIconComponentCache } from '@elastic/eui/es/components/icon/icon';
import { icon as archive } from '@elastic/eui/es/components/icon/assets/archive';
import { icon as checkCircle } from '@elastic/eui/es/components/icon/assets/check_circle';
import { icon as gear } from '@elastic/eui/es/components/icon/assets/gear';
import { icon as list } from '@elastic/eui/es/components/icon/assets/list_bullet';
import { icon as logOut } from '@elastic/eui/es/components/icon/assets/log_out';
import { icon as menu } from '@elastic/eui/es/components/icon/assets/menu';
import { icon as user } from '@elastic/eui/es/components/icon/assets/user';
import { icon as error } from '@elastic/eui/es/components/icon/assets/error';
import { icon as home } from '@elastic/eui/es/components/icon/assets/home';
import { icon as info } from '@elastic/eui/es/components/icon/assets/info';
import { icon as link } from '@elastic/eui/es/components/icon/assets/link';
import { icon as lock } from '@elastic/eui/es/components/icon/assets/lock';
import { icon as magnifyExclamation } from '@elastic/eui/es/components/icon/assets/magnify_exclamation';
import { icon as question } from '@elastic/eui/es/components/icon/assets/question';
import { icon as refresh } from '@elastic/eui/es/components/icon/assets/refresh';
import { icon as storage } from '@elastic/eui/es/components/icon/assets/storage';

let registered = false;

/** Adds the console's icons to EUI's icon cache. Idempotent; call it at module scope. */
export function registerEuiIcons(): void {
  if (registered) return;
  registered = true;
  appendIconComponentCache({
    archive,
    checkCircle,
    error,
    gear,
    list,
    logOut,
    menu,
    user,
    home,
    info,
    link,
    lock,
    magnifyExclamation,
    question,
    refresh,
    storage,
  });
}
