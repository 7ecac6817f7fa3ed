/**
 * Moving people between rooms by dragging them (mouse, pen or touch): an enhancement of the round
 * page only. The page's move forms stay the way without JavaScript and by keyboard; a drop fills
 * the dragged person's own move form (its room selection) and submits it, so a drag posts the
 * same `?/move` action as the button does.
 *
 * The page marks what can be dragged with `data-drag-person` (the person's id, `data-drag-name`,
 * `data-drag-from`: the room they are in, '' for none) and where it can be dropped with
 * `data-drop-room` (the room's id, '' for "no room") and `data-drop-name`. The person's form is
 * found by its room selection's id, `move-{personId}`.
 */

/** How far the pointer must travel before a press becomes a drag (a click stays a click). */
const DRAG_THRESHOLD_PX = 5;

export interface DragPeopleOptions {
	/** Called when a drop moves someone: for a live region ("… is moved to …"). */
	onMove?: (name: string, roomName: string) => void;
}

interface Drag {
	handle: HTMLElement;
	pointerId: number;
	startX: number;
	startY: number;
	started: boolean;
	target: HTMLElement | null;
}

function dropZoneAt(x: number, y: number): HTMLElement | null {
	const element = document.elementFromPoint(x, y);
	return element instanceof Element ? element.closest<HTMLElement>('[data-drop-room]') : null;
}

/** Svelte action for the element holding the rooms and the people without a room. */
export function dragPeople(container: HTMLElement, options: DragPeopleOptions = {}) {
	let drag: Drag | null = null;
	let onMove = options.onMove;

	const setTarget = (zone: HTMLElement | null) => {
		if (!drag || drag.target === zone) return;
		drag.target?.classList.remove('drop-target');
		drag.target = zone;
		zone?.classList.add('drop-target');
	};

	const finish = () => {
		if (!drag) return;
		drag.handle.classList.remove('dragging');
		container.classList.remove('is-dragging');
		setTarget(null);
		if (drag.handle.hasPointerCapture(drag.pointerId)) drag.handle.releasePointerCapture(drag.pointerId);
		drag = null;
	};

	const pointerDown = (event: PointerEvent) => {
		if (event.button !== 0 || !(event.target instanceof Element)) return;
		const handle = event.target.closest<HTMLElement>('[data-drag-person]');
		if (!handle || !container.contains(handle)) return;
		// No text selection while dragging with a mouse.
		event.preventDefault();
		handle.setPointerCapture(event.pointerId);
		drag = {
			handle,
			pointerId: event.pointerId,
			startX: event.clientX,
			startY: event.clientY,
			started: false,
			target: null
		};
	};

	const pointerMove = (event: PointerEvent) => {
		if (!drag || event.pointerId !== drag.pointerId) return;
		if (!drag.started) {
			const distance = Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY);
			if (distance < DRAG_THRESHOLD_PX) return;
			drag.started = true;
			drag.handle.classList.add('dragging');
			container.classList.add('is-dragging');
		}
		setTarget(dropZoneAt(event.clientX, event.clientY));
	};

	const pointerUp = (event: PointerEvent) => {
		if (!drag || event.pointerId !== drag.pointerId) return;
		const { handle, started } = drag;
		const zone = started ? dropZoneAt(event.clientX, event.clientY) : null;
		finish();
		if (!zone) return;
		const personId = handle.dataset.dragPerson ?? '';
		const roomId = zone.dataset.dropRoom ?? '';
		if (roomId === (handle.dataset.dragFrom ?? '')) return;
		const select = document.getElementById(`move-${personId}`);
		if (!(select instanceof HTMLSelectElement) || !select.form) return;
		select.value = roomId;
		onMove?.(handle.dataset.dragName ?? '', zone.dataset.dropName ?? '');
		select.form.requestSubmit();
	};

	const keyDown = (event: KeyboardEvent) => {
		if (event.key === 'Escape') finish();
	};

	container.addEventListener('pointerdown', pointerDown);
	container.addEventListener('pointermove', pointerMove);
	container.addEventListener('pointerup', pointerUp);
	container.addEventListener('pointercancel', finish);
	document.addEventListener('keydown', keyDown);
	return {
		update(next: DragPeopleOptions = {}) {
			onMove = next.onMove;
		},
		destroy() {
			finish();
			container.removeEventListener('pointerdown', pointerDown);
			container.removeEventListener('pointermove', pointerMove);
			container.removeEventListener('pointerup', pointerUp);
			container.removeEventListener('pointercancel', finish);
			document.removeEventListener('keydown', keyDown);
		}
	};
}
