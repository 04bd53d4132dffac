/** Job postings of saved organizations: each fetch replaces the organization's previous set. */
import type { JobPosting } from '../../../shared/domain';
import { db } from './schema';
import { nowIso } from './grouping';

/**
 * Replace `orgId`'s postings with `postings` (each re-homed to `orgId`) and stamp the organization's
 * jobPostingsFetchedAt, in one transaction.
 */
export async function saveJobPostings(
  orgId: string,
  postings: JobPosting[],
  fetchedAt: string = nowIso(),
): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.jobPostings, d.organizations], async () => {
    await d.jobPostings.where('organizationId').equals(orgId).delete();
    if (postings.length) await d.jobPostings.bulkPut(postings.map((p) => ({ ...p, organizationId: orgId })));
    await d.organizations.update(orgId, { jobPostingsFetchedAt: fetchedAt });
  });
}

/** Newest posting first (by postedAt, then lastSeenAt). */
export async function jobPostingsOf(orgId: string): Promise<JobPosting[]> {
  const postings = await db().jobPostings.where('organizationId').equals(orgId).toArray();
  const when = (p: JobPosting) => p.postedAt ?? p.lastSeenAt ?? '';
  return postings.sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : a.title.localeCompare(b.title)));
}
