/**
 * Projects the districts' GeoJSON outlines to SVG paths, once per process. Westfalen-Lippe is
 * small (about 2.5° by 1.6°), so an equirectangular projection with the longitude scaled by the
 * cosine of the middle latitude keeps shapes true enough; north is up.
 */

type Position = [number, number] | number[];
export interface DistrictFeature {
	properties: { ags: string; name: string };
	geometry:
		{ type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
}

export interface DistrictShape {
	ags: string;
	name: string;
	/** SVG path data in the map's coordinates. */
	path: string;
}

export interface ProjectedMap {
	width: number;
	height: number;
	districts: DistrictShape[];
}

function polygonsOf(feature: DistrictFeature): Position[][][] {
	return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

/** Projects the features into a box `width` wide (the height follows from the shape), with a margin. */
export function projectDistricts(
	features: readonly DistrictFeature[],
	width = 600,
	margin = 4
): ProjectedMap {
	let minLon = Infinity;
	let maxLon = -Infinity;
	let minLat = Infinity;
	let maxLat = -Infinity;
	for (const feature of features)
		for (const polygon of polygonsOf(feature))
			for (const ring of polygon)
				for (const [lon = 0, lat = 0] of ring) {
					minLon = Math.min(minLon, lon);
					maxLon = Math.max(maxLon, lon);
					minLat = Math.min(minLat, lat);
					maxLat = Math.max(maxLat, lat);
				}
	if (!Number.isFinite(minLon)) return { width, height: 0, districts: [] };
	const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
	const spanX = (maxLon - minLon) * xScale || 1;
	const spanY = maxLat - minLat || 1;
	const scale = (width - 2 * margin) / spanX;
	const height = Math.round(spanY * scale + 2 * margin);
	const point = ([lon = 0, lat = 0]: Position): string =>
		`${round((lon - minLon) * xScale * scale + margin)},${round((maxLat - lat) * scale + margin)}`;
	// Points that round to the same spot as the one before add nothing at this size: dropped.
	const ringPath = (ring: Position[]): string => {
		const points = ring.map(point).filter((text, index, all) => index === 0 || text !== all[index - 1]);
		return `M${points.join('L')}Z`;
	};
	const districts = features.map((feature) => ({
		ags: feature.properties.ags,
		name: feature.properties.name,
		path: polygonsOf(feature)
			.flatMap((polygon) => polygon.map(ringPath))
			.join('')
	}));
	return { width, height, districts };
}

/** Half a pixel of a 600-pixel-wide map is about 250 m: finer detail is not visible. */
function round(value: number): number {
	return Math.round(value * 2) / 2;
}
