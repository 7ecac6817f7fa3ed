/** The network entry form (suggesting one, and the editors' form): its fields to the service's input and back. */
import type { EntryInput } from '../services/networks-entries';
import type { ManageEntryView } from '../services/networks-review';

/** The entry form's fields as the service reads them. */
export function entryInputFrom(values: Record<string, string>): EntryInput {
	return {
		name: values.name ?? '',
		kind: (values.kind ?? '') as EntryInput['kind'],
		place: values.place ?? '',
		description: values.description,
		topics: values.topics,
		address: values.address,
		website: values.website,
		contactEmail: values.contactEmail,
		contactName: values.contactName,
		contactNameConsent: values.contactNameConsent === 'on',
		contactPhone: values.contactPhone,
		founded: values.founded,
		lastChecked: values.lastChecked
	};
}

/** An entry's current values as the form shows them. */
export function formValuesOf(view: ManageEntryView): Record<string, string> {
	const entry = view.entry;
	return {
		name: entry.name,
		kind: entry.kind,
		place: entry.municipality ?? entry.district ?? entry.ags ?? '',
		description: entry.description ?? '',
		topics: entry.topics.join(', '),
		address: entry.address ?? '',
		website: entry.website ?? '',
		contactEmail: entry.contact?.email ?? '',
		contactName: view.contactName ?? '',
		contactNameConsent: view.contactNameConsent ? 'on' : '',
		contactPhone: entry.contact?.phone ?? '',
		founded: entry.founded === null ? '' : String(entry.founded),
		lastChecked: entry.lastChecked ?? ''
	};
}
