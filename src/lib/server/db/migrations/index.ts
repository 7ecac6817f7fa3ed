import type { Migration } from 'kysely';
import * as createCore from './2026-11-27T0200-create-core';
import * as documentation from './2026-11-27T0300-documentation';
import * as registrations from './2026-11-27T0400-registrations';
import * as live from './2026-11-27T0500-live';
import * as meetingRoles from './2026-11-27T0600-meeting-roles';
import * as voteTallyIndex from './2026-11-27T0700-vote-tally-index';
import * as registrationPendingChanges from './2026-12-04T0300-registration-pending-changes';
import * as linkAddresses from './2026-12-04T0500-link-addresses';
import * as networkDirectory from './2026-12-04T1000-network-directory';
import * as topicWishes from './2026-12-04T1100-topic-wishes';
import * as goodPractice from './2026-12-04T1100-topic-wishes-good-practice';
import * as breakouts from './2026-12-04T1200-breakouts';
import * as breakoutsLive from './2026-12-04T1800-breakouts-live';
import * as breakoutLookupIndexes from './2026-12-05T0800-breakout-lookup-indexes';

/**
 * Every migration, by its sortable name. Listed by hand (not read from the folder) so that the
 * bundled server, the CLI and the tests all run exactly the same set. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-27T0200-create-core': createCore,
	'2026-11-27T0300-documentation': documentation,
	'2026-11-27T0400-registrations': registrations,
	'2026-11-27T0500-live': live,
	'2026-11-27T0600-meeting-roles': meetingRoles,
	'2026-11-27T0700-vote-tally-index': voteTallyIndex,
	'2026-12-04T0300-registration-pending-changes': registrationPendingChanges,
	'2026-12-04T0500-link-addresses': linkAddresses,
	'2026-12-04T1000-network-directory': networkDirectory,
	'2026-12-04T1100-topic-wishes': topicWishes,
	'2026-12-04T1100-topic-wishes-good-practice': goodPractice,
	'2026-12-04T1200-breakouts': breakouts,
	'2026-12-04T1800-breakouts-live': breakoutsLive,
	'2026-12-05T0800-breakout-lookup-indexes': breakoutLookupIndexes
};
