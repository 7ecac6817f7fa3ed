import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getAgenda } from '$lib/server/services/agenda';
import {
	assertMayUpload,
	deleteAttachmentFile,
	listAttachmentFiles,
	uploadAttachment
} from '$lib/server/services/attachments';
import { getMeetingForEditing } from '$lib/server/services/meetings';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { config } = await getAppContext();
	const { editing, files, agenda } = await orErrorPage(async () => {
		const address = meetingAddressFromParams(params);
		const editing = await getMeetingForEditing(locals.db, locals.actor, address.seriesId, address.number);
		const [files, agenda] = await Promise.all([
			listAttachmentFiles(locals.db, locals.actor, address),
			getAgenda(locals.db, locals.actor, address)
		]);
		return { editing, files, agenda };
	});
	const uploadedId = url.searchParams.get('uploaded');
	return {
		series: { id: editing.series.id },
		meeting: { number: editing.meeting.number, title: editing.meeting.title },
		files: files.map((file) => ({
			id: file.id,
			title: file.title,
			fileName: (file.filePath ?? file.originalName).replace(/^attachments\//, ''),
			sizeBytes: file.sizeBytes,
			mediaType: file.mediaType,
			agendaItemId: file.agendaItemId
		})),
		agendaItems: agenda.items.map((item) => ({
			id: item.id,
			slot: `${item.start}-${item.end}`,
			title: item.title
		})),
		limitMegabytes: Math.round(config.uploadLimitBytes / 1024 / 1024),
		// What the last action did (after its 303), for the notice.
		uploadedTitle: uploadedId ? (files.find((file) => file.id === uploadedId)?.title ?? null) : null,
		isDeleted: url.searchParams.get('deleted') === '1'
	};
};

function pagePath(params: { series: string; number: string }, query: string): string {
	return `/manage/series/${params.series}/meetings/${params.number}/attachments?${query}`;
}

export const actions: Actions = {
	upload: async ({ locals, params, request }) => {
		const { config } = await getAppContext();
		// Rights before the body: nobody else makes the server receive and parse a file.
		try {
			await assertMayUpload(locals.db, locals.actor, meetingAddressFromParams(params));
		} catch (error) {
			return failForm(error, locals.locale, { form: 'upload' });
		}
		const { data, values } = await readForm(request);
		let fileId: string;
		try {
			const file = data.get('file');
			fileId = (
				await uploadAttachment(
					locals.db,
					locals.actor,
					meetingAddressFromParams(params),
					{ title: values.title ?? '', kind: values.kind, agendaItemId: values.agendaItemId ?? '' },
					file instanceof File && file.size > 0
						? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
						: undefined,
					{ dataDir: config.dataDir, limitBytes: config.uploadLimitBytes }
				)
			).fileId;
		} catch (error) {
			return failForm(error, locals.locale, { ...values, form: 'upload' });
		}
		redirect(303, pagePath(params, `uploaded=${fileId}`));
	},

	delete: async ({ locals, params, request }) => {
		const { config } = await getAppContext();
		const { values } = await readForm(request);
		try {
			await deleteAttachmentFile(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				values.fileId ?? '',
				{
					dataDir: config.dataDir
				}
			);
		} catch (error) {
			return failForm(error, locals.locale, { ...values, form: 'delete' });
		}
		redirect(303, pagePath(params, 'deleted=1'));
	}
};
