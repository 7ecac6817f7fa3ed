import { describe, expect, it } from 'vitest';
import {
	anonymous,
	canCreateSeries,
	canManageInstallation,
	canManageOrganizationContent,
	canModerateMeeting,
	canView,
	isAdmin,
	isSignedIn,
	managedOrganizationIds,
	systemActor,
	type Actor
} from './policy';

const ORG = 'org-a';
const OTHER_ORG = 'org-b';
const MEETING = 'meeting-a1';
const OTHER_MEETING = 'meeting-a2';

function user(overrides: Partial<Extract<Actor, { kind: 'user' }>> = {}): Actor {
	return {
		kind: 'user',
		userId: 'u1',
		email: 'u1@example.org',
		displayName: 'U1',
		isAdmin: false,
		organizations: [],
		meetings: [],
		...overrides
	};
}

/** Every role the policy knows, each with the grants that make it that role. */
const roles = {
	anonymous,
	system: systemActor,
	admin: user({ isAdmin: true }),
	organizer: user({ organizations: [{ organizationId: ORG, role: 'organizer' }] }),
	organizerElsewhere: user({ organizations: [{ organizationId: OTHER_ORG, role: 'organizer' }] }),
	moderator: user({ meetings: [{ meetingId: MEETING, role: 'moderator' }] }),
	signedInWithoutGrants: user()
} satisfies Record<string, Actor>;
type Role = keyof typeof roles;

/** One row per rule: what it answers for each role (about organization ORG and meeting MEETING). */
const expectations: Record<string, { rule: (actor: Actor) => unknown; expected: Record<Role, unknown> }> = {
	isSignedIn: {
		rule: isSignedIn,
		expected: {
			anonymous: false,
			system: false,
			admin: true,
			organizer: true,
			organizerElsewhere: true,
			moderator: true,
			signedInWithoutGrants: true
		}
	},
	isAdmin: {
		rule: isAdmin,
		expected: {
			anonymous: false,
			system: true,
			admin: true,
			organizer: false,
			organizerElsewhere: false,
			moderator: false,
			signedInWithoutGrants: false
		}
	},
	canManageInstallation: {
		rule: canManageInstallation,
		expected: {
			anonymous: false,
			system: true,
			admin: true,
			organizer: false,
			organizerElsewhere: false,
			moderator: false,
			signedInWithoutGrants: false
		}
	},
	canManageOrganizationContent: {
		rule: (actor) => canManageOrganizationContent(actor, ORG),
		expected: {
			anonymous: false,
			system: true,
			admin: true,
			organizer: true,
			organizerElsewhere: false,
			moderator: false,
			signedInWithoutGrants: false
		}
	},
	canCreateSeries: {
		rule: canCreateSeries,
		expected: {
			anonymous: false,
			system: true,
			admin: true,
			organizer: true,
			organizerElsewhere: true,
			moderator: false,
			signedInWithoutGrants: false
		}
	},
	'canView (published)': {
		rule: (actor) => canView(actor, { organizationId: ORG, isPublished: true }),
		expected: {
			anonymous: true,
			system: true,
			admin: true,
			organizer: true,
			organizerElsewhere: true,
			moderator: true,
			signedInWithoutGrants: true
		}
	},
	'canView (draft)': {
		rule: (actor) => canView(actor, { organizationId: ORG, isPublished: false }),
		expected: {
			anonymous: false,
			system: true,
			admin: true,
			organizer: true,
			organizerElsewhere: false,
			moderator: false,
			signedInWithoutGrants: false
		}
	},
	managedOrganizationIds: {
		rule: managedOrganizationIds,
		expected: {
			anonymous: [],
			system: 'all',
			admin: 'all',
			organizer: [ORG],
			organizerElsewhere: [OTHER_ORG],
			moderator: [],
			signedInWithoutGrants: []
		}
	},
	canModerateMeeting: {
		rule: (actor) => canModerateMeeting(actor, { organizationId: ORG, meetingId: MEETING }),
		expected: {
			anonymous: false,
			system: true,
			admin: true,
			organizer: true,
			organizerElsewhere: false,
			moderator: true,
			signedInWithoutGrants: false
		}
	},
	'canModerateMeeting (another meeting of the organization)': {
		rule: (actor) => canModerateMeeting(actor, { organizationId: ORG, meetingId: OTHER_MEETING }),
		expected: {
			anonymous: false,
			system: true,
			admin: true,
			organizer: true,
			organizerElsewhere: false,
			moderator: false,
			signedInWithoutGrants: false
		}
	}
};

describe('policy: every rule for every role', () => {
	for (const [name, { rule, expected }] of Object.entries(expectations)) {
		it(name, () => {
			const answers = Object.fromEntries(
				(Object.keys(roles) as Role[]).map((role) => [role, rule(roles[role])])
			);
			expect(answers).toEqual(expected);
		});
	}
});

describe('policy: grants are matched exactly', () => {
	it('counts an organizer grant only for its own organization', () => {
		const both = user({
			organizations: [
				{ organizationId: ORG, role: 'organizer' },
				{ organizationId: OTHER_ORG, role: 'organizer' }
			]
		});
		expect(canManageOrganizationContent(both, ORG)).toBe(true);
		expect(canManageOrganizationContent(both, OTHER_ORG)).toBe(true);
		expect(canManageOrganizationContent(both, 'org-c')).toBe(false);
		expect(managedOrganizationIds(both)).toEqual([ORG, OTHER_ORG]);
	});

	it('does not let a moderator grant reach the organization’s content', () => {
		const moderator = roles.moderator;
		expect(canModerateMeeting(moderator, { organizationId: OTHER_ORG, meetingId: MEETING })).toBe(true);
		expect(canManageOrganizationContent(moderator, ORG)).toBe(false);
		expect(canView(moderator, { organizationId: ORG, isPublished: false })).toBe(false);
	});

	it('takes admin rights from the flag only, not from a name or address', () => {
		expect(isAdmin(user({ displayName: 'admin', email: 'admin@example.org' }))).toBe(false);
	});
});
