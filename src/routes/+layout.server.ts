import { isAdmin, managedOrganizationIds } from '$lib/domain/policy';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const actor = locals.actor;
	const managed = managedOrganizationIds(actor);
	return {
		locale: locals.locale,
		currentPath: url.pathname + url.search,
		viewer:
			actor.kind === 'user'
				? {
						displayName: actor.displayName,
						email: actor.email,
						isAdmin: isAdmin(actor),
						canManage: managed === 'all' || managed.length > 0
					}
				: null
	};
};
