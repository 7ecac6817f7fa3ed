import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectDistricts, type DistrictFeature } from './map';

const square = (ags: string, lon: number, lat: number): DistrictFeature => ({
	properties: { ags, name: ags },
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[lon, lat],
				[lon + 1, lat],
				[lon + 1, lat + 1],
				[lon, lat + 1],
				[lon, lat]
			]
		]
	}
});

describe('projectDistricts', () => {
	it('fits the shapes into the box with north up and west left', () => {
		const map = projectDistricts([square('a', 7, 51), square('b', 8, 52)], 200, 0);
		expect(map.width).toBe(200);
		const numbers = (path: string) => path.match(/-?\d+(\.\d+)?/g)!.map(Number);
		const a = numbers(map.districts[0]!.path);
		const b = numbers(map.districts[1]!.path);
		// a is south-west of b: larger y (further down), smaller x.
		expect(Math.max(...a.filter((_, i) => i % 2 === 1))).toBeGreaterThan(
			Math.max(...b.filter((_, i) => i % 2 === 1))
		);
		expect(Math.min(...a.filter((_, i) => i % 2 === 0))).toBeLessThan(
			Math.min(...b.filter((_, i) => i % 2 === 0))
		);
		for (const value of [...a, ...b]) {
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThanOrEqual(Math.max(map.width, map.height));
		}
		// Longitude is shortened by cos(52°): the box is taller than wide for a square of degrees.
		expect(map.height).toBeGreaterThan(map.width);
	});

	it('draws all 27 districts of Westfalen-Lippe', () => {
		const geojson = JSON.parse(readFileSync('reference-data/westfalen-lippe-kreise.geojson', 'utf8')) as {
			features: DistrictFeature[];
		};
		const map = projectDistricts(geojson.features, 600);
		expect(map.districts).toHaveLength(27);
		expect(new Set(map.districts.map((d) => d.ags)).size).toBe(27);
		for (const district of map.districts) expect(district.path).toMatch(/^M[\d.]+,[\d.]+L.*Z$/);
		expect(map.height).toBeGreaterThan(200);
		expect(map.height).toBeLessThan(600);
	});
});
