import type { RepoBudget } from './repo-budget.ts';

/** A repository checked out on disk, the unit Playbill reads descriptors (and later docs) from. */
export interface Repo {
  /** Name shown in the portal and used in problem locations. Unique within a build. */
  name: string;
  /** Absolute path of the checkout (realpath, so containment checks are exact). */
  dir: string;
  /** Where the repo came from (a git URL), when known; used for "view source" links. */
  remoteUrl?: string;
  /** Checked-out branch, tag or commit, when known. */
  ref?: string;
  /** Its time and memory for this build; reads through repo-files.ts count against it. */
  budget?: RepoBudget;
}
