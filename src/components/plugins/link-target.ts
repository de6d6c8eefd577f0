import { base } from 'virtual:playbill/site';
import { pluginLinkUrl } from '../../plugins/panel-view.ts';

/**
 * Where a plugin link may point: a site-relative path (under the base path) or an absolute
 * http(s) URL. Anything else (javascript:, data:, protocol-relative) is not a link at all.
 */
export function pluginLinkTarget(target: string | undefined): { url: string; external: boolean } | undefined {
  return pluginLinkUrl(target, base);
}
