// Writes overrides/assets/map/world.svg: land outlines of Natural Earth 1:110m (public
// domain) from the npm package world-atlas@2.0.2, in the equirectangular projection the
// member maps use (x = longitude + 180, y = 90 - latitude; viewBox 0 0 360 180).
// Run once by hand (the site build does not need Node):
//   npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0 && node tools/basemap.mjs
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { feature } from "topojson-client";

const topology = JSON.parse(readFileSync(new URL("../node_modules/world-atlas/land-110m.json", import.meta.url)));
const land = feature(topology, topology.objects.land);
const round = (v) => Math.round(v * 10) / 10;
const ring = (coords) => "M" + coords.map(([lon, lat]) => `${round(lon + 180)},${round(90 - lat)}`).join("L") + "Z";
const paths = [];
for (const f of land.features) {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polys) paths.push(poly.map(ring).join(""));
}
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" width="360" height="180">` +
  `<title>Natural Earth 1:110m land (public domain)</title>` +
  `<path fill="#dfe7dc" stroke="#b5c4b1" stroke-width="0.2" d="${paths.join("")}"/></svg>\n`;
mkdirSync(process.argv[2] || "overrides/assets/map", { recursive: true });
writeFileSync((process.argv[2] || "overrides/assets/map") + "/world.svg", svg);
console.log(`world.svg: ${svg.length} bytes`);
